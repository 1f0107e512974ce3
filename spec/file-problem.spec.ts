import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fileProblem } from '../lib/file-problem.js';

/** A Node file error as `fs` throws it. */
const fsError = (code: string, message = `${code}: some text, open '/x'`): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

const READ = { mode: 'read', what: 'a recording' } as const;
const WRITE = { mode: 'write', what: 'a file' } as const;

describe('fileProblem', () => {
  it('words the common file errors by their code, for reading and writing', () => {
    expect(fileProblem(fsError('ENOENT'), '/no/such/dir/x', WRITE)).to.equal('the directory /no/such/dir does not exist');
    expect(fileProblem(fsError('ENOENT'), '/no/such/x', READ)).to.equal('no such file');
    expect(fileProblem(fsError('EISDIR'), '/tmp', READ)).to.equal('is a directory, not a recording');
    expect(fileProblem(fsError('EACCES'), '/x', WRITE)).to.equal('permission denied (cannot write it)');
    expect(fileProblem(fsError('EROFS'), '/x', WRITE)).to.equal('the file system is read-only');
  });

  it('names the file in the way of ENOTDIR', () => {
    const file = fileURLToPath(import.meta.url);
    expect(fileProblem(fsError('ENOTDIR'), `${file}/x/y`, WRITE)).to.equal(`${file} is not a directory`);
  });

  it("keeps Node's words, without the code prefix and the path, for the other codes", () => {
    expect(fileProblem(fsError('EBUSY', "EBUSY: resource busy or locked, open '/x'"), '/x', WRITE)).to.equal('resource busy or locked (EBUSY)');
  });

  it('is undefined for an error that is not about a file', () => {
    expect(fileProblem(new Error('boom'), '/x', READ)).to.equal(undefined);
    expect(fileProblem('boom', '/x', READ)).to.equal(undefined);
  });
});
