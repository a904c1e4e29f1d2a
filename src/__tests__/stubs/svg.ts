// SVG files are bundled as their source text; tests only need a string.
export default '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
