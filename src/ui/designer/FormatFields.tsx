import { ALLOWED_FS, type LeadLayout, type SamplingRate } from '../../core/signal/types';

/** The record-format choices shared by the one-record designer and dataset mode: leads and sampling rate. */
export function LeadsSelect({ id, value, onChange }: { id: string; value: LeadLayout; onChange: (v: LeadLayout) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Leads</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as LeadLayout)}>
        <option value="1">Lead II only</option>
        <option value="12">Standard 12 leads</option>
      </select>
    </div>
  );
}

export function RateSelect({ id, value, onChange }: { id: string; value: SamplingRate; onChange: (v: SamplingRate) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Sampling rate</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value) as SamplingRate)}>
        {ALLOWED_FS.map((f) => (
          <option key={f} value={f}>
            {f} Hz
          </option>
        ))}
      </select>
    </div>
  );
}
