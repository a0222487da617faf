// The drill and the debrief load alike: the scenario's id, one page per bundled scenario.
export { scenarioEntries as entries, loadScenarioPage as load } from '$lib/scenarios/page-load.ts';
