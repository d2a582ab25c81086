import type { ComponentStatus, Indicator } from "@/db/constants";

type Tone = "operational" | "degraded" | "partial" | "major" | "maintenance";

export const STATUS_TONE: Record<ComponentStatus, Tone> = {
  operational: "operational",
  degraded_performance: "degraded",
  partial_outage: "partial",
  major_outage: "major",
  under_maintenance: "maintenance",
};

export const INDICATOR_TONE: Record<Indicator, Tone> = {
  none: "operational",
  minor: "degraded",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export const TONE_TEXT: Record<Tone, string> = {
  operational: "text-status-operational",
  degraded: "text-status-degraded",
  partial: "text-status-partial",
  major: "text-status-major",
  maintenance: "text-status-maintenance",
};

export const TONE_BG: Record<Tone, string> = {
  operational: "bg-status-operational",
  degraded: "bg-status-degraded",
  partial: "bg-status-partial",
  major: "bg-status-major",
  maintenance: "bg-status-maintenance",
};

/** A shape per tone, so status never depends on colour alone. Decorative: the label carries the meaning. */
export function StatusIcon({ tone, className = "size-5" }: { tone: Tone; className?: string }) {
  const common = { className: `${className} ${TONE_TEXT[tone]} shrink-0`, viewBox: "0 0 20 20", "aria-hidden": true };
  switch (tone) {
    case "operational":
      return (
        <svg {...common} fill="currentColor">
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3a1 1 0 0 0-1.4-1.4L9 10.6 7.7 9.3a1 1 0 0 0-1.4 1.4l2 2a1 1 0 0 0 1.4 0l4-4Z"
            clipRule="evenodd"
          />
        </svg>
      );
    case "degraded":
      return (
        <svg {...common} fill="currentColor">
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM6 9a1 1 0 0 0 0 2h8a1 1 0 1 0 0-2H6Z"
            clipRule="evenodd"
          />
        </svg>
      );
    case "partial":
      return (
        <svg {...common} fill="currentColor">
          <path
            fillRule="evenodd"
            d="M8.3 2.9a2 2 0 0 1 3.4 0l6 10.4A2 2 0 0 1 16 16.3H4a2 2 0 0 1-1.7-3L8.3 2.9ZM10 6a1 1 0 0 1 1 1v3a1 1 0 1 1-2 0V7a1 1 0 0 1 1-1Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            clipRule="evenodd"
          />
        </svg>
      );
    case "major":
      return (
        <svg {...common} fill="currentColor">
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM7.7 6.3a1 1 0 0 0-1.4 1.4L8.6 10l-2.3 2.3a1 1 0 1 0 1.4 1.4l2.3-2.3 2.3 2.3a1 1 0 0 0 1.4-1.4L11.4 10l2.3-2.3a1 1 0 0 0-1.4-1.4L10 8.6 7.7 6.3Z"
            clipRule="evenodd"
          />
        </svg>
      );
    case "maintenance":
      return (
        <svg {...common} fill="currentColor">
          <path
            fillRule="evenodd"
            d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm1-12a1 1 0 1 0-2 0v4a1 1 0 0 0 .3.7l2.5 2.5a1 1 0 0 0 1.4-1.4L11 9.6V6Z"
            clipRule="evenodd"
          />
        </svg>
      );
  }
}
