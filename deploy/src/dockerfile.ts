/** What the final stage of a Dockerfile puts into the image, read from its instructions. */
export interface ImageContents {
  /** Paths (files or directories, relative to the build context) copied from the context. */
  copied: string[];
  /** The exec-form CMD, e.g. ["node", "--import", "…", "services/gateway/src/main.ts"]. */
  cmd: string[];
  /** Ports of EXPOSE. */
  exposed: number[];
  /** The user the image runs as. */
  user: string | null;
}

/**
 * Reads the last stage of a Dockerfile: its COPY instructions from the build context (not
 * `--from` another stage), CMD (exec form only: a shell form would hide what runs), EXPOSE and USER.
 */
export function readDockerfile(text: string): ImageContents {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = instructions.findLastIndex((line) => /^FROM\s/i.test(line));
  const contents: ImageContents = { copied: [], cmd: [], exposed: [], user: null };
  for (const line of instructions.slice(lastFrom + 1)) {
    const [instruction = '', ...words] = line.split(/\s+/);
    switch (instruction.toUpperCase()) {
      case 'COPY': {
        if (words.some((word) => word.startsWith('--from'))) break;
        const sources = words.filter((word) => !word.startsWith('--')).slice(0, -1);
        contents.copied.push(...sources.map((source) => source.replace(/^\.\//, '').replace(/\/$/, '')));
        break;
      }
      case 'CMD': {
        const cmd: unknown = JSON.parse(line.slice(instruction.length));
        if (!Array.isArray(cmd) || !cmd.every((word) => typeof word === 'string')) throw new Error('CMD must be in exec form');
        contents.cmd = cmd;
        break;
      }
      case 'EXPOSE':
        contents.exposed.push(...words.map((word) => Number.parseInt(word, 10)));
        break;
      case 'USER':
        contents.user = words[0] ?? null;
        break;
    }
  }
  return contents;
}

/** Whether `path` (relative to the build context) is in the image: copied itself or inside a copied directory. */
export function isCopied(contents: ImageContents, path: string): boolean {
  return contents.copied.some((copied) => path === copied || path.startsWith(`${copied}/`));
}
