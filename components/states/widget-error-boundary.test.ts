import { expect, test } from "vitest";
import { WidgetErrorBoundary } from "./widget-error-boundary";

test("a server widget's boundary shows its content until the widget throws, then the notice in its place", () => {
  const boundary = new WidgetErrorBoundary({ fallback: "notice", children: "widget" });
  expect(boundary.render()).toBe("widget");
  boundary.state = WidgetErrorBoundary.getDerivedStateFromError();
  expect(boundary.render()).toBe("notice");
});
