/**
 * The officer JSON API (/api/review/officer/...) and users-permissions'
 * /api/auth/..., with the session's JWT. A 401 on an authenticated call ends
 * the session (the app returns to the login page with a message).
 */
import type { EmailMode, InboxPage, NotificationKind, Preferences } from '../../plugins/review/shared/notifications';
import type { State } from '../../plugins/review/shared/workflow';

const TOKEN_KEY = 'dvk-officer-jwt';
const OFFICER = '/api/review/officer';

export type FieldError = { path: string[]; message: string };

/** A refusal from the server, with its Vietnamese message and, for 400s, the fields concerned. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

export type Period = {
  documentId: string;
  year: number;
  name: string;
  registrationStart: string | null;
  registrationEnd: string | null;
  registration: 'open' | 'not_open' | 'closed';
};
export type Named = { documentId: string; name: string };
export type Me = {
  user: { id: number; username: string | null; email: string | null };
  unit: Named;
  /** The units above the officer's, nearest first, with their kind (level) code. */
  ancestors: Array<{ name: string; kind: string | null }>;
  periods: Period[];
  fields: Array<Named & { code: string | null }>;
  localityUnits: Named[];
};

export type Level = { code: string; name: string } | null;
export type ListItem = {
  documentId: string;
  title: string;
  subjectType: 'collective' | 'individual';
  origin: string;
  reviewState: State;
  version: number;
  updatedAt: string;
  field: { name: string } | null;
  period: { year: number; name: string } | null;
  reviewLevel: Level;
  recognitionLevel: Level;
};
export type Pagination = { page: number; pageSize: number; total: number; pageCount: number };

export type Indicator = { label: string; value: number; unit?: string | null };
export type Contact = { phone?: string | null; email?: string | null; address?: string | null };
export type EvidenceFile = { id: number; name: string; ext: string; mime: string; size: number; uploadedAt: string; uploadedBy: string | null };
export type HistoryEvent = {
  action: string;
  fromState: string | null;
  toState: string | null;
  levelName: string | null;
  actorType: string | null;
  actorName: string | null;
  actorUnitName: string | null;
  reason: string | null;
  createdAt: string;
  decision?: { number: string; date: string; signer: string } | null;
};
/** One criterion of the review's checklist as officers see it: the result and the reviewer's public remark ("Nhận xét gửi đơn vị"). */
export type Assessment = { code: string; text: string; required: boolean; result: string | null; levelCode: string; publicRemark: string | null };
export type Model = {
  documentId: string;
  title: string;
  summary: string | null;
  content: string | null;
  results: string | null;
  subjectType: 'collective' | 'individual';
  personName: string | null;
  personPosition: string | null;
  personContact: Contact | null;
  origin: string;
  replicatedFrom: { documentId: string; title: string } | null;
  replicatedSourceName: string | null;
  replicatedSourceUnit: string | null;
  indicators: Indicator[] | null;
  field: { documentId: string; name: string } | null;
  period: { documentId: string; year: number; name: string } | null;
  localityUnit: Named | null;
  ownerUnit: Named | null;
  reviewState: State;
  version: number;
  updatedAt: string;
  evidence: EvidenceFile[];
  cover: Media | null;
  gallery: Media[] | null;
  review: {
    actions: string[];
    chain: Array<{ code: string; name: string }>;
    reviewLevel: Level;
    recognitionLevel: Level;
    history: HistoryEvent[];
    assessments: Assessment[];
  };
};
/** A public image of the media library (cover or gallery), with its resized formats. */
export type Media = { id: number; name: string; url: string; mime: string; formats?: Record<string, { url: string }> | null };
export type ImageSlot = 'cover' | 'gallery';
export type EvidencePolicy = { types: Array<{ ext: string; mime: string; label: string; maxBytes: number }>; maxFiles: number };
export type ReplicationSource = { documentId: string; title: string; ownerUnit: string | null; year: number | null; recognitionLevel: string | null };

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
  /** When the token stops being accepted (its `exp`), in ms since the epoch; null when unknown. */
  expiresAt(): number | null {
    const token = session.token();
    try {
      const payload = JSON.parse(atob((token ?? '').split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
      return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
    } catch {
      return null;
    }
  },
};

let onExpired: () => void = () => undefined;
/** What the app does when the server no longer accepts the session. */
export const whenSessionExpires = (handler: () => void) => {
  onExpired = handler;
};

type ErrorBody = { error?: { status?: number; message?: string; details?: { errors?: FieldError[] } & Record<string, unknown> } };

const GENERIC = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as ErrorBody;
  const message = body.error?.message || (res.status >= 500 ? 'Máy chủ gặp lỗi. Vui lòng thử lại sau.' : `Yêu cầu không thực hiện được (mã ${res.status}).`);
  return new ApiError(res.status, message, body.error?.details?.errors ?? [], body.error?.details ?? {});
}

async function request<T>(method: string, url: string, body?: unknown, { auth = true } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.token();
  if (auth && token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, GENERIC);
  }
  if (res.status === 401 && auth) {
    session.clear();
    onExpired();
    throw new ApiError(401, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

const data = async <T>(promise: Promise<{ data: T }>) => (await promise).data;

/** A multipart POST with upload progress (fetch has none); resolves with the model as the server now has it. */
function uploadWithProgress(url: string, field: string, files: File[], onProgress: (ratio: number) => void): Promise<Model> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, GENERIC));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as { data?: Model } & ErrorBody;
        } catch {
          return {} as { data?: Model } & ErrorBody;
        }
      })();
      if (xhr.status === 401) {
        session.clear();
        onExpired();
        reject(new ApiError(401, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.'));
      } else if (xhr.status >= 200 && xhr.status < 300 && body.data) {
        resolve(body.data);
      } else if (xhr.status === 413 && !body.error?.message) {
        reject(new ApiError(413, 'Tệp quá lớn so với giới hạn của máy chủ.'));
      } else {
        reject(new ApiError(xhr.status, body.error?.message ?? `Tải lên không thành công (mã ${xhr.status}).`));
      }
    };
    const form = new FormData();
    for (const file of files) form.append(field, file, file.name);
    xhr.send(form);
  });
}

export const api = {
  login: (identifier: string, password: string) =>
    request<{ jwt: string; user: { username: string; email: string } }>('POST', '/api/auth/local', { identifier, password }, { auth: false }),
  forgotPassword: (email: string) => request<{ ok: boolean }>('POST', '/api/auth/forgot-password', { email }, { auth: false }),
  resetPassword: (code: string, password: string, passwordConfirmation: string) =>
    request<{ jwt: string }>('POST', '/api/auth/reset-password', { code, password, passwordConfirmation }, { auth: false }),
  changePassword: (currentPassword: string, password: string, passwordConfirmation: string) =>
    request<{ jwt: string }>('POST', '/api/auth/change-password', { currentPassword, password, passwordConfirmation }),

  me: () => data(request<{ data: Me }>('GET', `${OFFICER}/me`)),
  list: (page: number, pageSize = 100) =>
    data(request<{ data: { results: ListItem[]; pagination: Pagination } }>('GET', `${OFFICER}/initiatives?page=${page}&pageSize=${pageSize}`)),
  model: (documentId: string) => data(request<{ data: Model }>('GET', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}`)),
  create: (body: Record<string, unknown>) => data(request<{ data: Model }>('POST', `${OFFICER}/initiatives`, body)),
  update: (documentId: string, body: Record<string, unknown>) =>
    data(request<{ data: Model }>('PUT', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}`, body)),
  submit: (documentId: string, version: number) =>
    data(request<{ data: { state: State; version: number } }>('POST', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}/submit`, { version })),
  withdraw: (documentId: string, version: number, reason: string) =>
    data(
      request<{ data: { state: State; version: number } }>('POST', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}/withdraw`, {
        version,
        reason,
      })
    ),
  history: (documentId: string) => data(request<{ data: HistoryEvent[] }>('GET', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}/history`)),
  evidencePolicy: () => data(request<{ data: EvidencePolicy }>('GET', `${OFFICER}/evidence-policy`)),
  removeEvidence: (documentId: string, fileId: number) =>
    data(request<{ data: Model }>('DELETE', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}/evidence/${fileId}`)),
  replicationSources: (q: string) =>
    data(request<{ data: ReplicationSource[] }>('GET', `${OFFICER}/replication-sources?q=${encodeURIComponent(q)}`)),

  inbox: (page: number, unreadOnly: boolean) =>
    data(request<{ data: InboxPage }>('GET', `${OFFICER}/notifications?page=${page}&pageSize=20${unreadOnly ? '&unread=true' : ''}`)),
  unread: () => data(request<{ data: { unread: number } }>('GET', `${OFFICER}/notifications/unread`)),
  markRead: (body: { ids: number[] } | { all: true }) => data(request<{ data: { unread: number } }>('POST', `${OFFICER}/notifications/read`, body)),
  preferences: () => data(request<{ data: Preferences }>('GET', `${OFFICER}/notifications/preferences`)),
  setPreferences: (mutedKinds: NotificationKind[], emailMode: EmailMode) =>
    data(request<{ data: Preferences }>('PUT', `${OFFICER}/notifications/preferences`, { mutedKinds, emailMode })),

  /** Uploads evidence files with progress (0..1); resolves with the model as the server now has it. */
  uploadEvidence: (documentId: string, files: File[], onProgress: (ratio: number) => void): Promise<Model> =>
    uploadWithProgress(`${OFFICER}/initiatives/${encodeURIComponent(documentId)}/evidence`, 'files', files, onProgress),

  /** Uploads one image as the cover (replacing it) or into the gallery, with progress (0..1). */
  uploadImage: (documentId: string, slot: ImageSlot, file: File, onProgress: (ratio: number) => void): Promise<Model> =>
    uploadWithProgress(`${OFFICER}/initiatives/${encodeURIComponent(documentId)}/images/${slot}`, 'file', [file], onProgress),
  removeImage: (documentId: string, fileId: number) =>
    data(request<{ data: Model }>('DELETE', `${OFFICER}/initiatives/${encodeURIComponent(documentId)}/images/${fileId}`)),

  /** Downloads an evidence file through the authorised route and hands it to the browser as a file. */
  async downloadEvidence(documentId: string, file: EvidenceFile): Promise<void> {
    const token = session.token();
    let res: Response;
    try {
      res = await fetch(`${OFFICER}/initiatives/${encodeURIComponent(documentId)}/evidence/${file.id}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new ApiError(0, GENERIC);
    }
    if (res.status === 401) {
      session.clear();
      onExpired();
      throw new ApiError(401, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    }
    if (!res.ok) throw await errorOf(res);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
