/** Evidence files of a model: the allowed types and sizes, upload with progress, remove, download through the authorised route. */
import { useEffect, useRef, useState } from 'react';

import { api, ApiError, type EvidencePolicy, type Model } from '../api';
import { dateTime, size } from '../format';
import { Alert } from '../ui';

let policyCache: Promise<EvidencePolicy> | null = null;
const policy = () => (policyCache ??= api.evidencePolicy());

export function EvidencePanel({ model, editable, onChanged }: { model: Model; editable: boolean; onChanged: (model: Model) => void }) {
  const [rules, setRules] = useState<EvidencePolicy | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    policy()
      .then(setRules)
      .catch(() => undefined);
  }, []);

  /** The same checks as the server's by extension and size; the server checks the bytes themselves. */
  const check = (files: File[]): string | null => {
    if (!rules) return null;
    if (model.evidence.length + files.length > rules.maxFiles) return `Mỗi mô hình có tối đa ${rules.maxFiles} tệp minh chứng.`;
    for (const file of files) {
      const ext = (file.name.split('.').pop() ?? '').toLowerCase().replace('jpeg', 'jpg');
      const type = rules.types.find((candidate) => candidate.ext === ext);
      if (!type) return `Tệp “${file.name}” không thuộc loại được phép. Chỉ nhận: ${rules.types.map((candidate) => candidate.label).join(', ')}.`;
      if (file.size > type.maxBytes) return `Tệp “${file.name}” quá lớn: tệp ${type.label} tối đa ${size(type.maxBytes)}.`;
    }
    return null;
  };

  const upload = async (files: File[]) => {
    setError(null);
    setNotice(null);
    if (files.length === 0) return;
    const problem = check(files);
    if (problem) {
      setError(problem);
      return;
    }
    setProgress(0);
    try {
      onChanged(await api.uploadEvidence(model.documentId, files, setProgress));
      setNotice(`Đã tải lên ${files.length} tệp minh chứng.`);
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.status === 401)) setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (fileId: number, name: string) => {
    if (!window.confirm(`Xóa tệp minh chứng “${name}”?`)) return;
    setError(null);
    try {
      onChanged(await api.removeEvidence(model.documentId, fileId));
      setNotice(`Đã xóa tệp “${name}”.`);
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.status === 401)) setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  const download = async (file: Model['evidence'][number]) => {
    setError(null);
    try {
      await api.downloadEvidence(model.documentId, file);
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.status === 401)) setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Minh chứng</h2>
      {rules && (
        <p className="field__hint" id="evidence-rules">
          Chấp nhận: {rules.types.map((type) => `${type.label} (tối đa ${size(type.maxBytes)})`).join(', ')}. Tối đa {rules.maxFiles} tệp. Minh chứng chỉ cấp
          xét duyệt xem được, không công bố.
        </p>
      )}
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      {model.evidence.length === 0 ? (
        <p className="empty">Chưa có tệp minh chứng.</p>
      ) : (
        <ul className="files">
          {model.evidence.map((file) => (
            <li key={file.id} className="files__item">
              <div className="files__info">
                <span className="files__name">{file.name}</span>
                <span className="files__meta">
                  {size(file.size)} · {dateTime(file.uploadedAt)}
                </span>
              </div>
              <div className="files__actions">
                <button className="button button--small" type="button" onClick={() => void download(file)} aria-label={`Tải về ${file.name}`}>
                  Tải về
                </button>
                {editable && (
                  <button className="button button--small button--danger-outline" type="button" onClick={() => void remove(file.id, file.name)} aria-label={`Xóa ${file.name}`}>
                    Xóa
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="upload">
          <label className="button" htmlFor="evidence-input">
            Chọn tệp minh chứng…
          </label>
          <input
            ref={input}
            id="evidence-input"
            className="visually-hidden"
            type="file"
            multiple
            aria-describedby="evidence-rules"
            accept={rules ? rules.types.map((type) => `.${type.ext},${type.mime}`).concat(rules.types.some((t) => t.ext === 'jpg') ? ['.jpeg'] : []).join(',') : undefined}
            disabled={progress !== null}
            onChange={(event) => void upload([...(event.target.files ?? [])])}
          />
          {progress !== null && (
            <div className="progress">
              <label htmlFor="evidence-progress">Đang tải lên: {Math.round(progress * 100)}%</label>
              <progress id="evidence-progress" max={100} value={Math.round(progress * 100)} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
