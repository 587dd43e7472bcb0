/** Error boundary around each panel/slot: a crash in one part shows an error with a retry, never a blank page. */
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
  /** Larger message block for whole panels. */
  panel?: boolean;
}
interface State {
  error: Error | null;
}

export class SlotBoundary extends Component<Props, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }
  override componentDidCatch(error: Error): void {
    console.error(`[${this.props.name}]`, error);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className={this.props.panel ? 'alert error panel-error' : 'alert error inline'}>
        <strong>The {this.props.name} hit an error.</strong> <span>{this.state.error.message}</span>{' '}
        <button type="button" className="btn small" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </div>
    );
  }
}
