/** What the review plugin's admin endpoints answer (src/plugins/review/server/src). */
import type { CommentStatus } from '../../../shared/comments';
import type { Action, QueueTab, State } from '../../../shared/workflow';

export type Named = { id: number; name: string };
export type Level = { id: number; code: string; name: string };

export type QueueRow = {
  id: number;
  documentId: string;
  title: string;
  subjectType: 'collective' | 'individual';
  origin: 'new' | 'replicated' | 'continuing';
  reviewState: State;
  version: number;
  recognizedAt: string | null;
  createdAt: string;
  updatedAt: string;
  ownerUnit: Named | null;
  field: Named | null;
  period: { id: number; year: number; name: string } | null;
  reviewLevel: Level | null;
  recognitionLevel: Level | null;
};

export type Pagination = { page: number; pageSize: number; total: number; pageCount: number };

export type QueueResponse = { results: QueueRow[]; counts: Record<QueueTab, number>; pagination: Pagination };

export type QueueOptions = {
  reviewer: { name: string; unit: Named; level: { code: string; name: string } | null };
  periods: Array<{ id: number; year: number; name: string }>;
  fields: Named[];
  units: Array<Named & { kind: string | null; parentId: number | null }>;
};

export type Assessment = {
  id: number;
  round: number;
  levelCode: string;
  criteriaSetName: string | null;
  code: string;
  text: string;
  required: boolean | null;
  maxScore: number | null;
  result: 'met' | 'not_met' | 'not_applicable' | null;
  score: number | null;
  note: string | null;
  publicRemark: string | null;
  assessedByName: string | null;
  assessedAt: string | null;
};

export type HistoryEvent = {
  action: string;
  fromState: State | null;
  toState: State;
  levelCode: string | null;
  levelName: string | null;
  round: number | null;
  actorType: string;
  actorName: string | null;
  actorUnitName: string | null;
  reason: string | null;
  version: number;
  createdAt: string;
  decision: {
    id: number;
    number: string;
    date: string;
    signer: string;
    signedFile: { name: string; url: string; mime: string } | null;
  } | null;
};

export type Media = { id: number; name: string; url: string; mime: string; alternativeText: string | null };

export type EvidenceFile = { id: number; name: string; mime: string; size: number; ext?: string | null };

export type ModelDetail = {
  documentId: string;
  title: string;
  reviewState: State;
  version: number;
  subjectType: 'collective' | 'individual';
  ownerUnit: Named | null;
  field: Named | null;
  period: { year: number; name: string } | null;
  reviewLevel: Level | null;
  recognitionLevel: Level | null;
  recognizedAt: string | null;
  chain: Level[];
  round: number;
  submission: {
    summary: string | null;
    content: string | null;
    results: string | null;
    personName: string | null;
    personPosition: string | null;
    origin: 'new' | 'replicated' | 'continuing' | null;
    personContact: { phone?: string | null; email?: string | null; address?: string | null } | null;
    indicators: Array<{ id: number; label: string; value: number; unit: string | null }> | null;
    localityUnit: Named | null;
    replicatedFrom: { documentId: string; title: string; ownerUnit: { name: string } | null } | null;
    cover: Media | null;
    gallery: Media[] | null;
    ownerPath: string[];
  };
  assessments: Assessment[];
  history: HistoryEvent[];
  evidence: EvidenceFile[];
  actions: Action[];
};

export type Decision = {
  id: number;
  number: string;
  date: string;
  signer: string;
  note: string | null;
  signedFile: { id: number; name: string; url: string; mime: string } | null;
  initiatives: Array<{ documentId: string; title: string }>;
};

/** Moderation of readers' comments (server: services/comments.ts). */
export type CommentRow = {
  id: string;
  name: string;
  email: string | null;
  text: string;
  status: CommentStatus;
  byEditor: boolean;
  createdAt: string;
  moderatedAt: string | null;
  article: { id: string; title: string; slug: string; published: boolean; commentsClosed: boolean } | null;
  replyTo: { id: string; name: string; text: string } | null;
  editorReplies: Array<{ text: string; createdAt: string }>;
};

export type CommentListResponse = { results: CommentRow[]; counts: Record<CommentStatus, number>; pagination: Pagination };

export type CommentArticle = {
  id: string;
  title: string;
  slug: string;
  published: boolean;
  commentsClosed: boolean;
  counts: Record<CommentStatus, number>;
};
