// Every GraphQL document the pages send, in one place. Fields come from the API contracts
// in issues 4 and 5; when a feature's schema lands with other names, this is the one file
// to change (the browser tests fail on any mismatch once the feature is in the schema).

export const ME = `query Me { me { id name title department { id name } } }`;

// ---- Find a peer (issue 4) ----------------------------------------------------------------
export const FIND_PEERS = `
query FindPeers($problem: String!, $first: Int!, $excludeOwnDepartment: Boolean!) {
  findPeers(problem: $problem, first: $first, excludeOwnDepartment: $excludeOwnDepartment) {
    peer { id name title }
    department { id name }
    score
    reasons
    matchedProblems { problem { id title category restricted } outcome handledAt }
    hiddenMatches { category count resolved partlyResolved notResolved handledInOwnTeam }
    connection { length steps { via manager { id name } cohort { id name } } }
  }
}`;

export const RECORD_CONTACT = `
mutation RecordContact($otherId: ID!) {
  recordContact(input: { otherId: $otherId, source: MANUAL }) { since manager { id name } }
}`;

// ---- My suggestions (issue 4) -------------------------------------------------------------
export const SUGGESTIONS = `
query Suggestions($first: Int!) {
  me { id suggestedContacts(first: $first) {
    manager { id name title department { id name } } score reasons
  } }
}`;

export const RESPOND = `
mutation Respond($managerId: ID!, $response: SuggestionResponse!) {
  respondToSuggestion(managerId: $managerId, response: $response) { __typename }
}`;

// ---- Admin dashboard (issue 5 and the jobs framework) -------------------------------------
export const JOB_RUNS = `
query JobRuns($job: String, $first: Int!) {
  jobRuns(job: $job, first: $first) { id job startedAt finishedAt status step fraction error params counts timings }
}`;

export const RUN_JOB = `
mutation RunJob($name: String!) {
  runJob(name: $name) { id job startedAt finishedAt status step fraction error counts timings }
}`;

export const NETWORK_METRICS = `
query NetworkMetrics {
  networkMetrics {
    managers contacts crossDepartmentShare eiIndex modularity averageClustering triangles
    components largestComponent diameter diameterExact diameterUpperBound isolates
    fewerThan3Departments computedAt
    departments { department { id name } eiIndex internalTies externalTies departmentsReached }
    matrix { departments { id name } ties density }
    brokers(first: 10) { manager { id name department { name } } betweenness constraint }
  }
}`;

export const NETWORK_HISTORY = `
query NetworkMetricsHistory {
  networkMetricsHistory {
    computedAt asOf managers contacts crossDepartmentShare eiIndex modularity averageClustering
    isolates fewerThan3Departments
  }
}`;

// The contact network for the picture, the isolated managers and the cohort before/after.
export const NETWORK_PAGE = `
query Network($first: Int!, $after: String) {
  managers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name title department { id name } contacts { since manager { id } } } }
  }
}`;

export const COHORTS = `
query Cohorts($first: Int!, $after: String) {
  cohorts(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name start end } }
  }
}`;

export const COHORT_MEMBERS = `
query CohortMembers($id: ID!) {
  cohort(id: $id) { id name start end members { role manager { id } } }
}`;

// ---- Sponsors' board (issue 5) ------------------------------------------------------------
export const RECURRING = `
query Recurring($minDepartments: Int, $since: Date) {
  recurringProblems(minDepartments: $minDepartments, since: $since) {
    id label category reports firstSeen lastSeen status
    departments { id name } otherDepartments
    cohorts { id name } otherCohorts
    trend { quarter count } suppressedReports
    examples { id title category restricted }
    escalations { note at by { name } }
    actions { action status at by { name } }
  }
}`;

export const ESCALATE = `
mutation Escalate($id: ID!, $note: String!) {
  escalateRecurringProblem(id: $id, note: $note) { id status }
}`;

export const RECORD_ACTION = `
mutation RecordAction($id: ID!, $action: String!, $status: ActionStatus!) {
  recordRecurringProblemAction(id: $id, action: $action, status: $status) { id status }
}`;
