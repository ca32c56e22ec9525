import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly failed: boolean;
}

/**
 * A screen that crashes must not take Pause and Kill with it into a blank window: the boundary
 * shows a plain message, and the frame around it stays usable.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; message: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Nothing to send anywhere: the renderer has no logger of its own by design.
  }

  override render(): ReactNode {
    return this.state.failed ? <p role="alert" className="error boot">{this.props.message}</p> : this.props.children;
  }
}
