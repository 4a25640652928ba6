import { agreementDownloadLoader } from '../services/agreement-routes.server';

export const loader = agreementDownloadLoader;
