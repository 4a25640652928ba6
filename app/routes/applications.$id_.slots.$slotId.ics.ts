import { icsLoader } from '../services/application-routes.server';

export const loader = icsLoader;
