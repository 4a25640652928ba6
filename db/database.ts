import type { AccountTables } from './types/accounts';
import type { AgreementTemplateTables } from './types/agreement-templates';
import type { AgreementTables } from './types/agreements';
import type { ApplicationTables } from './types/applications';
import type { FavouriteTables } from './types/favourites';
import type { InquiryTables } from './types/inquiries';
import type { LegalTables } from './types/legal';
import type { ProfileTables } from './types/profiles';
import type { ListingTables } from './types/listings';
import type { MonitoringTables } from './types/monitoring';
import type { MunicipalityTables } from './types/municipalities';
import type { ProposalTables } from './types/proposals';
import type { SavedSearchTables } from './types/saved-searches';
import type { SearchTables } from './types/search';
import type { SubmissionTables } from './types/submissions';

/**
 * The whole schema, composed from one interface per feature (see db/types/).
 * Tables are snake_case, exactly as in the migrations.
 */
export interface Database extends MunicipalityTables, ListingTables, AccountTables, SearchTables, ApplicationTables, MonitoringTables, AgreementTables, AgreementTemplateTables, InquiryTables, SubmissionTables, LegalTables, ProposalTables, FavouriteTables, SavedSearchTables, ProfileTables {}
