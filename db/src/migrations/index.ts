import { CreateReferenceTables1763800000000 } from './1763800000000-CreateReferenceTables';
import { CreateIngestTables1763800001000 } from './1763800001000-CreateIngestTables';
import { CreateUnitDailyFeedback1763800002000 } from './1763800002000-CreateUnitDailyFeedback';
import { CreateUnitDailyDossierEvents1763800003000 } from './1763800003000-CreateUnitDailyDossierEvents';
import { AddCompressionAndRetentionPolicies1763800004000 } from './1763800004000-AddCompressionAndRetentionPolicies';
import { MakeIngestAuditAppendOnly1763800005000 } from './1763800005000-MakeIngestAuditAppendOnly';
import { AddStatutoryDueAtToDossiers1763800006000 } from './1763800006000-AddStatutoryDueAtToDossiers';
import { WidenDailyAggregateRefreshWindow1763800007000 } from './1763800007000-WidenDailyAggregateRefreshWindow';
import { CreateUnitBacklogSamples1763800008000 } from './1763800008000-CreateUnitBacklogSamples';
import { CreateServiceIndexRules1763800010000 } from './1763800010000-CreateServiceIndexRules';
import { CreateDossierFacts1763800011000 } from './1763800011000-CreateDossierFacts';
import { CreateUnitDailyDossierFacts1763800012000 } from './1763800012000-CreateUnitDailyDossierFacts';
import { IndexOpenDossiersByReceipt1763800013000 } from './1763800013000-IndexOpenDossiersByReceipt';
import { MoveDossierTimelinesOutOfDossiers1763800014000 } from './1763800014000-MoveDossierTimelinesOutOfDossiers';
import { CreateUnitMonthlyDossierFacts1763800015000 } from './1763800015000-CreateUnitMonthlyDossierFacts';
import { CreateUnitMonthlyFeedback1763800016000 } from './1763800016000-CreateUnitMonthlyFeedback';
import { IndexOverdueDossiersByReceipt1763800017000 } from './1763800017000-IndexOverdueDossiersByReceipt';
import { IndexResolvedDossiersByUnit1763800018000 } from './1763800018000-IndexResolvedDossiersByUnit';
import { RefreshDailyAggregatesOverWholeHistory1763800019000 } from './1763800019000-RefreshDailyAggregatesOverWholeHistory';
import { ScopeEventIdsToUnits1763800020000 } from './1763800020000-ScopeEventIdsToUnits';
import { RefreshAggregatesThroughBucketStarts1763800021000 } from './1763800021000-RefreshAggregatesThroughBucketStarts';
import { BoundCompressionRuns1763800022000 } from './1763800022000-BoundCompressionRuns';
import { BoundAggregateRefreshRuns1763800023000 } from './1763800023000-BoundAggregateRefreshRuns';
import { IndexWallFeed1763800040000 } from './1763800040000-IndexWallFeed';
import { CreateWallAlertRules1763800041000 } from './1763800041000-CreateWallAlertRules';
import { CreateAccessTables1763800050000 } from './1763800050000-CreateAccessTables';
import { RecordIngestKeyPerEvent1763800060000 } from './1763800060000-RecordIngestKeyPerEvent';
import { CreateDossierRatings1763800061000 } from './1763800061000-CreateDossierRatings';
import { AddWorkingTimesToDossiers1763800062000 } from './1763800062000-AddWorkingTimesToDossiers';
import { IndexDossierLists1763800063000 } from './1763800063000-IndexDossierLists';
import { IndexListedDossiersByReceipt1763800064000 } from './1763800064000-IndexListedDossiersByReceipt';
import { AddReportFactsToDossierFacts1763800070000 } from './1763800070000-AddReportFactsToDossierFacts';
import { CreateUnitFieldDailyReportFacts1763800071000 } from './1763800071000-CreateUnitFieldDailyReportFacts';
import { CreateUnitFieldMonthlyReportFacts1763800072000 } from './1763800072000-CreateUnitFieldMonthlyReportFacts';
import { IndexDossiersOverdueSpan1763800073000 } from './1763800073000-IndexDossiersOverdueSpan';
import { CreateReportSnapshots1763800074000 } from './1763800074000-CreateReportSnapshots';

/** In order of application. */
export const MIGRATIONS = [
  CreateReferenceTables1763800000000,
  CreateIngestTables1763800001000,
  CreateUnitDailyFeedback1763800002000,
  CreateUnitDailyDossierEvents1763800003000,
  AddCompressionAndRetentionPolicies1763800004000,
  MakeIngestAuditAppendOnly1763800005000,
  AddStatutoryDueAtToDossiers1763800006000,
  WidenDailyAggregateRefreshWindow1763800007000,
  CreateUnitBacklogSamples1763800008000,
  CreateServiceIndexRules1763800010000,
  CreateDossierFacts1763800011000,
  CreateUnitDailyDossierFacts1763800012000,
  IndexOpenDossiersByReceipt1763800013000,
  MoveDossierTimelinesOutOfDossiers1763800014000,
  CreateUnitMonthlyDossierFacts1763800015000,
  CreateUnitMonthlyFeedback1763800016000,
  IndexOverdueDossiersByReceipt1763800017000,
  IndexResolvedDossiersByUnit1763800018000,
  RefreshDailyAggregatesOverWholeHistory1763800019000,
  ScopeEventIdsToUnits1763800020000,
  RefreshAggregatesThroughBucketStarts1763800021000,
  BoundCompressionRuns1763800022000,
  BoundAggregateRefreshRuns1763800023000,
  IndexWallFeed1763800040000,
  CreateWallAlertRules1763800041000,
  CreateAccessTables1763800050000,
  RecordIngestKeyPerEvent1763800060000,
  CreateDossierRatings1763800061000,
  AddWorkingTimesToDossiers1763800062000,
  IndexDossierLists1763800063000,
  IndexListedDossiersByReceipt1763800064000,
  AddReportFactsToDossierFacts1763800070000,
  CreateUnitFieldDailyReportFacts1763800071000,
  CreateUnitFieldMonthlyReportFacts1763800072000,
  IndexDossiersOverdueSpan1763800073000,
  CreateReportSnapshots1763800074000,
];
