// Every test process starts with the features plugged in, as the server does: a test that calls a
// use case directly (loadGrants, say) sees the same grant sources and menu as the app.
import { plugIn } from '../kernel/feature.js';
import { features } from '../features.js';

plugIn(features);
