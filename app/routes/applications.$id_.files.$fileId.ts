import { attachmentLoader } from '../services/application-routes.server';

export const loader = attachmentLoader;
