// Style sheets have no effect in unit tests.
export default {};
