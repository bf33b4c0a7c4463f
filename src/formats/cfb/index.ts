/**
 * The Compound File Binary layer ([MS-CFB]): a lazy, validating reader and a writer. The .msg
 * format is built on it. See docs/decisions/012-cfb.md for why both are our own.
 */

// Reading
export { openCompoundFile } from './CompoundFile.js';
export type { CompoundFile, CfbEntry, CfbEntryInfo, CfbStorage, CfbStream } from './types.js';
export { bytesSource, fileByteSource } from './ByteSource.js';
export type { ByteSource, FileByteSource } from './ByteSource.js';

// Writing
export { writeCompoundFile } from './writeCompoundFile.js';
export type { CompoundFileWriteOptions } from './writeCompoundFile.js';
export { CompoundFileBuilder } from './CompoundFileBuilder.js';
export type { CfbNode, CfbRootNode, CfbStorageMeta, CfbStorageNode, CfbStreamNode } from './types.js';

// Names ([MS-CFB] 2.6.4 order and 2.6.1 rules)
export { cfbNameKey, cfbNameProblem, cfbUpperUnit, compareCfbNames } from './names.js';
