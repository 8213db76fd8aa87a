/**
 * The model's public images: a cover (choose, replace, remove) and a gallery
 * (add, remove), with previews. They are published with the model once it is
 * recognised, so only raster images are taken (JPEG, PNG, WebP); the server
 * checks the bytes themselves.
 */
import { useRef, useState } from 'react';

import { api, ApiError, type ImageSlot, type Media, type Model } from '../api';
import { size } from '../format';
import { Alert } from '../ui';

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_GALLERY_IMAGES = 20;
const ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp';

/** The smallest stored size that still fills a preview, else the original. */
const previewOf = (media: Media) => media.formats?.small?.url ?? media.formats?.thumbnail?.url ?? media.url;

export function ImagesPanel({
  model,
  editable,
  publicLocked = false,
  onChanged,
}: {
  model: Model;
  editable: boolean;
  /** The model is public (recognised at some level): its images stay as recognised. */
  publicLocked?: boolean;
  onChanged: (model: Model) => void;
}) {
  const [busy, setBusy] = useState<{ slot: ImageSlot; progress: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const coverInput = useRef<HTMLInputElement>(null);
  const galleryInput = useRef<HTMLInputElement>(null);
  const gallery = model.gallery ?? [];

  /** The same checks as the server's by extension and size. */
  const check = (slot: ImageSlot, file: File): string | null => {
    const ext = (file.name.split('.').pop() ?? '').toLowerCase();
    if (!IMAGE_EXTENSIONS.includes(ext)) return `Tệp “${file.name}” không phải ảnh JPEG, PNG hoặc WebP.`;
    if (file.size > MAX_IMAGE_BYTES) return `Ảnh “${file.name}” quá lớn: tối đa ${size(MAX_IMAGE_BYTES)}.`;
    if (slot === 'gallery' && gallery.length >= MAX_GALLERY_IMAGES) return `Thư viện ảnh của mỗi mô hình có tối đa ${MAX_GALLERY_IMAGES} ảnh.`;
    return null;
  };

  const report = (caught: unknown) => {
    if (!(caught instanceof ApiError && caught.status === 401)) setError(caught instanceof Error ? caught.message : String(caught));
  };

  const upload = async (slot: ImageSlot, files: File[]) => {
    setError(null);
    setNotice(null);
    try {
      for (const file of files) {
        const problem = check(slot, file);
        if (problem) {
          setError(problem);
          return;
        }
        setBusy({ slot, progress: 0 });
        onChanged(await api.uploadImage(model.documentId, slot, file, (progress) => setBusy({ slot, progress })));
      }
      if (files.length > 0) setNotice(slot === 'cover' ? 'Đã cập nhật ảnh bìa.' : `Đã thêm ${files.length} ảnh vào thư viện ảnh.`);
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(null);
      for (const input of [coverInput.current, galleryInput.current]) if (input) input.value = '';
    }
  };

  const remove = async (media: Media, what: string) => {
    if (!window.confirm(`Xóa ${what} “${media.name}”?`)) return;
    setError(null);
    setNotice(null);
    try {
      onChanged(await api.removeImage(model.documentId, media.id));
      setNotice(`Đã xóa ${what} “${media.name}”.`);
    } catch (caught) {
      report(caught);
    }
  };

  const progress = (slot: ImageSlot) =>
    busy?.slot === slot && (
      <div className="progress">
        <label htmlFor={`${slot}-progress`}>Đang tải lên: {Math.round(busy.progress * 100)}%</label>
        <progress id={`${slot}-progress`} max={100} value={Math.round(busy.progress * 100)} />
      </div>
    );

  return (
    <section className="card" aria-labelledby="images-title">
      <h2 id="images-title">Ảnh bìa và thư viện ảnh</h2>
      <p className="field__hint" id="images-rules">
        Ảnh JPEG, PNG hoặc WebP, mỗi ảnh tối đa {size(MAX_IMAGE_BYTES)}; thư viện tối đa {MAX_GALLERY_IMAGES} ảnh. Ảnh được công bố cùng mô hình khi mô hình
        được công nhận.
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}

      <h3>Ảnh bìa</h3>
      {publicLocked && <p className="field__hint">Mô hình đã được công nhận và đang hiển thị công khai với các ảnh này, nên không thay đổi ảnh được.</p>}
      {model.cover ? (
        <figure className="images__cover" data-testid="cover">
          <img src={previewOf(model.cover)} alt={`Ảnh bìa: ${model.cover.name}`} />
          <figcaption>{model.cover.name}</figcaption>
        </figure>
      ) : (
        <p className="empty">Chưa có ảnh bìa.</p>
      )}
      {editable && (
        <div className="upload images__actions">
          <label className="button" htmlFor="cover-input">
            {model.cover ? 'Thay ảnh bìa…' : 'Chọn ảnh bìa…'}
          </label>
          <input
            ref={coverInput}
            id="cover-input"
            className="visually-hidden"
            type="file"
            accept={ACCEPT}
            aria-describedby="images-rules"
            disabled={busy !== null}
            onChange={(event) => void upload('cover', [...(event.target.files ?? [])])}
          />
          {model.cover && (
            <button className="button button--danger-outline" type="button" onClick={() => void remove(model.cover as Media, 'ảnh bìa')}>
              Xóa ảnh bìa
            </button>
          )}
          {progress('cover')}
        </div>
      )}

      <h3>Thư viện ảnh</h3>
      {gallery.length === 0 ? (
        <p className="empty">Chưa có ảnh trong thư viện.</p>
      ) : (
        <ul className="images__gallery" aria-label="Thư viện ảnh">
          {gallery.map((media) => (
            <li key={media.id} className="images__item">
              <img src={previewOf(media)} alt={media.name} loading="lazy" />
              <span className="images__name">{media.name}</span>
              {editable && (
                <button className="button button--small button--danger-outline" type="button" onClick={() => void remove(media, 'ảnh')} aria-label={`Xóa ảnh ${media.name}`}>
                  Xóa
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="upload images__actions">
          <label className="button" htmlFor="gallery-input">
            Thêm ảnh vào thư viện…
          </label>
          <input
            ref={galleryInput}
            id="gallery-input"
            className="visually-hidden"
            type="file"
            multiple
            accept={ACCEPT}
            aria-describedby="images-rules"
            disabled={busy !== null}
            onChange={(event) => void upload('gallery', [...(event.target.files ?? [])])}
          />
          {progress('gallery')}
        </div>
      )}
    </section>
  );
}
