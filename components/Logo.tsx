/** Backstory's mark: a page with a highlighted line. */
export function Logo({ size = 18 }: { size?: number }) {
  return (
    <svg class="bs-logo" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect x="5" y="3" width="22" height="26" rx="4" fill="#b45309" />
      <rect x="9" y="9" width="14" height="2.6" rx="1.3" fill="#fff" opacity="0.85" />
      <rect x="9" y="14.5" width="14" height="4" rx="1.2" fill="#fde68a" />
      <rect x="9" y="21.5" width="10" height="2.6" rx="1.3" fill="#fff" opacity="0.85" />
    </svg>
  );
}
