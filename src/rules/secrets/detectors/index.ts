// Every detector table, in one list. Adding a provider = adding an entry to one of these tables.
import { CLOUD_DETECTORS } from './cloud.js';
import { DEV_DETECTORS } from './dev.js';
import { GENERIC_DETECTORS } from './generic.js';
import { ML_DETECTORS } from './ml.js';
import type { Detector } from '../detector.js';

export const DETECTORS: Detector[] = [...ML_DETECTORS, ...CLOUD_DETECTORS, ...DEV_DETECTORS, ...GENERIC_DETECTORS];
