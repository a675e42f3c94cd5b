// Runs in every test file: the temp folders a file made go when its tests are done.
import { afterAll } from 'vitest';
import { removeTempFolders } from './temp.js';

afterAll(removeTempFolders);
