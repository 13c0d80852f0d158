// Helpers of the Content-Security-Policy tests: the policy of a page's meta element, a recorder of
// `securitypolicyviolation` events installed before any script of the page, and a probe that makes
// requests the policy must refuse (off-origin fetch and image, an injected inline script and <style>).

/** The page's policy: the content of its <meta http-equiv="Content-Security-Policy"> (null if none). */
export function metaPolicy(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? null;
}

/** The policy as a map: directive → its sources. */
export function directives(policy) {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** An init script (context.addInitScript): records every violation of the page in window.__csp. */
export function cspRecorder() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push({
      directive: e.effectiveDirective,
      blocked: e.blockedURI,
      disposition: e.disposition,
      where: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      sample: e.sample,
    }),
  );
}

/** The violations recorded so far in this tab. */
export const violations = (page) => page.evaluate(() => window.__csp ?? []);

/** The host of the probe's requests: `.invalid` never resolves (RFC 2606), so nothing could answer anyway. */
export const PROBE_HOST = 'example.invalid';

/**
 * Makes four things the policy must refuse, and waits for their violation events (no fixed wait):
 * fetch() and an <img> off the origin, an inline <script> and an inline <style>. Returns
 * {fetch: how the fetch ended, img: 'load' | 'error', scriptRan, styled, violations: the new events}.
 */
export function probeOffOrigin(page) {
  return page.evaluate(async (host) => {
    const before = window.__csp.length;
    const fetched = await fetch(`http://${host}/x`).then(
      (r) => `answered ${r.status}`,
      (e) => `rejected: ${e.name}`,
    );
    const img = await new Promise((ok) => {
      const el = new Image();
      el.onload = () => ok('load');
      el.onerror = () => ok('error');
      el.src = `http://${host}/y.png`;
      document.body.append(el);
    });
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const box = document.createElement('div');
    box.id = 'csp-probe-box';
    const style = document.createElement('style');
    style.textContent = '#csp-probe-box { width: 123px }';
    document.body.append(box, style);
    const styled = box.getBoundingClientRect().width === 123;
    box.remove();
    // The violation events are queued as tasks, one per policy in force (a meta and a header: two
    // of each): wait until one of each kind has arrived.
    const kinds = () => new Set(window.__csp.slice(before).map((v) => `${v.directive} ${v.blocked}`)).size;
    await new Promise((ok) => {
      const check = () => (kinds() >= 4 ? ok() : setTimeout(check, 0));
      check();
    });
    return { fetch: fetched, img, scriptRan: window.__inlineRan === true, styled, violations: window.__csp.slice(before) };
  }, PROBE_HOST);
}
