// What wakes an operator: log-search alerts over the workspace Application Insights writes to (AppMetrics for the
// connector's metrics, AppRequests and AppDependencies for its spans), and the action group they notify. The metric
// names, span names and properties in the queries are the app's own (functions/Connector/Telemetry); the infra tests
// hold each query to them. A counter's or a gauge's value is AppMetrics' Sum (the exporter sends Min, Max and ItemCount
// for histograms only). Spans are sampled (README, "Observability"): a span row stands for ItemCount of them, so the
// queries count spans with sum(ItemCount), never count(); metrics are not sampled.

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the action group.')
param actionGroupName string

@description('Prefix of the alert rules\' names.')
param namePrefix string

@description('Resource id of the Log Analytics workspace the queries run on.')
param workspaceId string

@description('Email addresses the action group notifies, comma-separated. Empty: the alerts fire and show in the portal, and notify no one.')
param emailAddresses string

@minLength(1)
@description('Base URL of the back office: its HTTP dependencies are the ones whose failure rate is watched.')
param backOfficeBaseUrl string

@description('Percent of back-office calls failing (5xx, 408, 429 or no answer) over 15 minutes that raises the alert.')
@minValue(1)
@maxValue(100)
param backOfficeFailurePercent int

@description('p95 of order latency (BigCommerce date_modified to the back office accepting the version), in seconds, that raises the alert.')
@minValue(1)
param orderLatencyP95Seconds int

@description('Failed function invocations in 15 minutes that raise the alert.')
@minValue(1)
param functionFailures int

var emailReceivers = empty(emailAddresses) ? [] : map(split(emailAddresses, ','), address => trim(address))

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'connector'
    enabled: true
    emailReceivers: [
      for (address, i) in emailReceivers: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

// The back office's URL without a trailing slash: every call to it starts with it.
var backOffice = endsWith(backOfficeBaseUrl, '/')
  ? substring(backOfficeBaseUrl, 0, length(backOfficeBaseUrl) - 1)
  : backOfficeBaseUrl

var rules = [
  {
    name: 'poison-messages'
    description: 'A queue has had messages in its poison queue for 15 minutes: look at /api/admin/poison and requeue once the cause is mended.'
    severity: 2
    window: 'PT15M'
    query: 'AppMetrics | where Name == "connector.queue.poison" | extend queue = tostring(Properties["queue"]) | summarize Lowest = min(Sum) by queue | where Lowest > 0'
    dimension: 'queue'
    threshold: 0
  }
  {
    name: 'store-needs-reauthorization'
    description: 'BigCommerce refused a store\'s token: its work stops until the merchant opens the app again (or the API account is registered again).'
    severity: 1
    window: 'PT15M'
    query: 'AppMetrics | where Name in ("connector.stores.needing_reauth", "connector.stores.reauth_required") | extend store = tostring(Properties["store"]) | summarize Signals = max(Sum) by store | where Signals > 0'
    dimension: 'store'
    threshold: 0
  }
  {
    name: 'back-office-failure-rate'
    description: 'Over ${backOfficeFailurePercent} % of the calls to the back office failed in 15 minutes (5xx, 408, 429 or no answer); orders wait on the queue.'
    severity: 2
    window: 'PT15M'
    query: 'AppDependencies | where Data startswith "${backOffice}/" | extend Code = toint(ResultCode) | summarize Calls = sum(ItemCount), Failed = sumif(ItemCount, isnull(Code) or Code == 0 or Code == 408 or Code == 429 or Code >= 500) | where Calls >= 10 and 100.0 * Failed / Calls > ${backOfficeFailurePercent}'
    dimension: ''
    threshold: 0
  }
  {
    name: 'order-latency-p95'
    description: 'The p95 of order latency (BigCommerce date_modified to the back office accepting the version) over the last hour is above ${orderLatencyP95Seconds} s.'
    severity: 3
    window: 'PT1H'
    query: 'AppRequests | where Name == "orders process" and isnotempty(Properties["connector.order_latency_s"]) | extend store = tostring(Properties["connector.store_hash"]), Latency = todouble(Properties["connector.order_latency_s"]) | summarize P95 = percentile(Latency, 95) by store | where P95 > ${orderLatencyP95Seconds}'
    dimension: 'store'
    threshold: 0
  }
  {
    name: 'function-failures'
    description: 'More than ${functionFailures} function invocations failed in 15 minutes.'
    severity: 2
    window: 'PT15M'
    query: 'AppRequests | where Success == false | summarize Failures = sum(ItemCount) by OperationName | where Failures > ${functionFailures}'
    dimension: 'OperationName'
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: '${namePrefix}: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        workspaceId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: rule.threshold
            dimensions: empty(rule.dimension)
              ? []
              : [
                  {
                    name: rule.dimension
                    operator: 'Include'
                    values: [
                      '*'
                    ]
                  }
                ]
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
