import path from 'node:path';
import { adminUrlOf, databaseUrlWith } from '../../scripts/lib/pg-url';

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../.cache/test');
export { databaseUrlWith };
export const adminUrl = adminUrlOf;
