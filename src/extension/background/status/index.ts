export { CardCache, CARD_CACHE_STORAGE_KEY, type SessionArea } from './card-cache';
export { SnapshotStore, type SnapshotDraft } from './snapshot-store';
export { StatusService, type StatusServiceDeps } from './status-service';
export { paintBadge, type ToolbarAction } from './toolbar';
