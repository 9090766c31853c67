// The charting and network libraries, loaded from this server (/vendor, out of
// web/node_modules) only when a page needs them.
const loading = {};

export function loadVendor(name, globalName) {
  if (window[globalName]) return Promise.resolve(window[globalName]);
  loading[name] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `/vendor/${name}`;
    script.onload = () => (window[globalName] ? resolve(window[globalName]) : reject(new Error(name)));
    script.onerror = () => reject(new Error(`could not load ${name}`));
    document.head.append(script);
  });
  return loading[name];
}

export const loadChart = () => loadVendor('chart.umd.min.js', 'Chart');
export const loadCytoscape = () => loadVendor('cytoscape.min.js', 'cytoscape');
