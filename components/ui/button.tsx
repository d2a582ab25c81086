import type { ButtonHTMLAttributes } from "react";

// The console's buttons, in one place so a colour or focus change is made once. No hooks and no
// "use client": server pages (GET filter forms) and client forms use the same component.
export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline" | "inverse";
export type ButtonSize = "md" | "sm";

const BASE = "rounded-md font-medium disabled:opacity-60";
const SIZES: Record<ButtonSize, string> = { md: "px-4 py-2", sm: "px-2.5 py-1 text-sm" };
const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500",
  secondary:
    "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500",
  "danger-outline":
    "border border-red-300 text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
  // Dark on light (light on dark): the public page's own action colour.
  inverse: "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900",
};

/** The class of a button; for the rare element that must look like one without being a <Button>. */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return [BASE, SIZES[size], VARIANTS[variant], extra].filter(Boolean).join(" ");
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A <button>; type defaults to "button" so a button inside a form only submits when it says so. */
export function Button({ variant = "primary", size = "md", type = "button", className = "", ...rest }: ButtonProps) {
  // A plain <button> with a computed class: everything else (formAction, aria-*) passes through.
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}
