/**
 * Files of a document store that is a directory (DOCUMENT_STORE_DIR): a
 * storage key such as "orders/2026/SO-100001.pdf" names a file below it.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';

import type { StoredFile } from '../sources';
import { DocumentFileError } from './errors';

export interface DirectoryStore {
  /** Opens the file that the segments of a parsed store key name. */
  open(segments: readonly string[]): Promise<StoredFile>;
}

export function createDirectoryStore(root: string): DirectoryStore {
  return {
    async open(segments) {
      // The root is resolved on every call, so a store mounted after start-up works.
      const base = await realpath(root);
      const candidate = path.resolve(base, ...segments);
      if (!isInside(base, candidate)) {
        throw new DocumentFileError('INVALID_KEY', `The storage key resolves to ${candidate}, outside DOCUMENT_STORE_DIR ${base}.`);
      }

      // A symbolic link below the root may point anywhere, so the check is
      // repeated on the path with every link resolved.
      const resolved = await realpathOrMissing(candidate);
      if (!isInside(base, resolved)) {
        throw new DocumentFileError('INVALID_KEY', `The storage key leads through a symbolic link to ${resolved}, outside DOCUMENT_STORE_DIR ${base}.`);
      }

      // O_NOFOLLOW makes the open fail if the last name was replaced by a
      // link since realpath() ran.
      const handle = await open(resolved, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: unknown) => {
        throw translateMissing(error, resolved);
      });
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        throw new DocumentFileError('NOT_FOUND', `${resolved} in DOCUMENT_STORE_DIR is not a regular file.`);
      }
      return { stream: handle.createReadStream(), size: stats.size };
    },
  };
}

function isInside(base: string, candidate: string): boolean {
  return candidate.startsWith(base.endsWith(path.sep) ? base : base + path.sep);
}

async function realpathOrMissing(candidate: string): Promise<string> {
  try {
    return await realpath(candidate);
  } catch (error) {
    throw translateMissing(error, candidate);
  }
}

/** Turns "no such file" into NOT_FOUND; other errors (such as EACCES) stay as they are. */
function translateMissing(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DocumentFileError('NOT_FOUND', `DOCUMENT_STORE_DIR has no file ${file}.`, [], { cause: error });
  }
  if (code === 'ELOOP') {
    return new DocumentFileError('INVALID_KEY', `${file} became a symbolic link while it was opened.`, [], { cause: error });
  }
  return error;
}
