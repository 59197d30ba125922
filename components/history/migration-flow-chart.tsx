"use client";

import { ResponsiveContainer, Sankey, Tooltip, type SankeyLinkProps, type SankeyNodeProps } from "recharts";
import { formatCount, formatMoney } from "@/lib/format";

export interface FlowNode {
  name: string;
  side: "from" | "to";
  color: string;
  /** Customers or cents in the node, as the chart measures. */
  amount: number;
}

export interface FlowLink {
  source: number;
  target: number;
  value: number;
}

/** Recharts passes each node's own fields (ours: side, colour, amount) along with its layout. */
const flowNode = (payload: SankeyNodeProps["payload"]) => payload as unknown as FlowNode;

const LABEL_GAP = 8;

/** A node as a bar with its name and amount beside it: left of the earlier snapshot's bars, right of the later one's. */
function FlowNodeShape({ x, y, width, height, payload: layout, formatAmount }: SankeyNodeProps & { formatAmount: (amount: number) => string }) {
  const payload = flowNode(layout);
  const left = payload.side === "from";
  const textX = left ? x - LABEL_GAP : x + width + LABEL_GAP;
  const anchor = left ? "end" : "start";
  const middle = y + height / 2;
  return (
    <g>
      <rect x={x} y={y} width={width} height={Math.max(height, 1)} fill={payload.color} rx={2} />
      <text x={textX} y={middle} textAnchor={anchor} dominantBaseline="middle" fontSize={12} fill="var(--foreground)">
        {payload.name}
        <tspan fill="var(--muted-foreground)" dx={6}>
          {formatAmount(payload.amount)}
        </tspan>
      </text>
    </g>
  );
}

function FlowLinkShape({ sourceX, targetX, sourceY, targetY, sourceControlX, targetControlX, linkWidth, payload }: SankeyLinkProps) {
  return (
    <path
      d={`M${sourceX},${sourceY} C${sourceControlX},${sourceY} ${targetControlX},${targetY} ${targetX},${targetY}`}
      fill="none"
      stroke={flowNode(payload.source).color}
      strokeOpacity={0.35}
      strokeWidth={Math.max(linkWidth, 1)}
    />
  );
}

/** The migration matrix as a Sankey diagram: the earlier snapshot's groups on the left, the later one's on the right. */
export function MigrationFlowChart({ nodes, links, measure, locale, currency }: { nodes: FlowNode[]; links: FlowLink[]; measure: "customers" | "value"; locale: string; currency: string }) {
  const format = (amount: number) => (measure === "customers" ? formatCount(amount, locale) : formatMoney(amount, { locale, currency, compact: true }));
  const perSide = Math.max(nodes.filter((node) => node.side === "from").length, nodes.filter((node) => node.side === "to").length);
  const height = Math.max(320, perSide * 40);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <Sankey
        data={{ nodes, links }}
        sort={false}
        nodeWidth={12}
        nodePadding={Math.max(16, Math.round(height / perSide / 3))}
        iterations={0}
        margin={{ top: 8, bottom: 8, left: 190, right: 190 }}
        node={(props: SankeyNodeProps) => <FlowNodeShape {...props} formatAmount={format} />}
        link={(props: SankeyLinkProps) => <FlowLinkShape {...props} />}
      >
        <Tooltip
          formatter={(value) => format(Number(value))}
          contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 }}
          itemStyle={{ color: "var(--foreground)" }}
        />
      </Sankey>
    </ResponsiveContainer>
  );
}
