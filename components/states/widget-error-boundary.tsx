"use client";

import { Component, type ReactNode } from "react";

/**
 * Catches what one server widget throws while it streams in, and shows `fallback` in its place, so one
 * failing read leaves the rest of the page standing (the server has logged the error with its detail).
 */
export class WidgetErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
