// One Azure Monitor workbook with the connector's metrics per store (functions/Connector/Telemetry/ConnectorMetrics.cs):
// orders delivered, rejected and retried, order latency, BigCommerce quota left and 429s, SKUs written, stores needing
// re-authorization, and the queues' depth and poison counts. Each chart is a query over the workspace's AppMetrics table,
// where a counter's or a gauge's value is Sum (Min, Max and ItemCount are a histogram's).

@description('Azure region of the workbook.')
param location string

@description('Tags applied to the workbook.')
param tags object

@description('Display name of the workbook.')
param displayName string

@description('Resource id of the Log Analytics workspace the charts query.')
param workspaceId string

// Each chart: a title and a query; {TimeRange} is the workbook's time picker.
var storeCharts = [
  {
    title: 'Orders delivered per store'
    query: 'AppMetrics | where Name == "connector.orders.delivered" | extend store = tostring(Properties["store"]) | summarize Delivered = sum(Sum) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'Orders rejected per store'
    query: 'AppMetrics | where Name == "connector.orders.rejected" | extend store = tostring(Properties["store"]) | summarize Rejected = sum(Sum) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'Order attempts retried per store'
    query: 'AppMetrics | where Name == "connector.orders.retried" | extend store = tostring(Properties["store"]) | summarize Retried = sum(Sum) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'Order latency per store (mean and max, seconds)'
    query: 'AppMetrics | where Name == "connector.orders.latency" | extend store = tostring(Properties["store"]) | summarize Mean = sum(Sum) / sum(ItemCount), Max = max(Max) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'BigCommerce quota left per store (lowest)'
    query: 'AppMetrics | where Name == "connector.bigcommerce.quota_left" | extend store = tostring(Properties["store"]) | summarize Lowest = min(Sum) by store, bin(TimeGenerated, 5m)'
  }
  {
    title: 'BigCommerce 429s per store'
    query: 'AppMetrics | where Name == "connector.bigcommerce.throttled" | extend store = tostring(Properties["store"]) | summarize Throttled = sum(Sum) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'SKUs written per store'
    query: 'AppMetrics | where Name == "connector.skus.written" | extend store = tostring(Properties["store"]) | summarize Written = sum(Sum) by store, bin(TimeGenerated, 15m)'
  }
  {
    title: 'Stores needing re-authorization (and tokens refused)'
    query: 'AppMetrics | where Name in ("connector.stores.needing_reauth", "connector.stores.reauth_required") | extend store = tostring(Properties["store"]) | summarize Signals = max(Sum) by store, Name, bin(TimeGenerated, 15m)'
  }
  {
    title: 'Queue depth'
    query: 'AppMetrics | where Name == "connector.queue.depth" | extend queue = tostring(Properties["queue"]) | summarize Depth = max(Sum) by queue, bin(TimeGenerated, 5m)'
  }
  {
    title: 'Poison messages'
    query: 'AppMetrics | where Name == "connector.queue.poison" | extend queue = tostring(Properties["queue"]) | summarize Poison = max(Sum) by queue, bin(TimeGenerated, 5m)'
  }
]

var workbook = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 9
        name: 'parameters'
        content: {
          version: 'KqlParameterItem/1.0'
          parameters: [
            {
              id: 'time-range'
              version: 'KqlParameterItem/1.0'
              name: 'TimeRange'
              type: 4
              isRequired: true
              value: {
                durationMs: 86400000
              }
              typeSettings: {
                selectableValues: [
                  { durationMs: 3600000 }
                  { durationMs: 14400000 }
                  { durationMs: 86400000 }
                  { durationMs: 604800000 }
                ]
              }
            }
          ]
        }
      }
    ],
    map(storeCharts, chart => {
      type: 3
      name: chart.title
      content: {
        version: 'KqlItem/1.0'
        title: chart.title
        query: chart.query
        size: 0
        timeContextFromParameter: 'TimeRange'
        queryType: 0
        resourceType: 'microsoft.operationalinsights/workspaces'
        visualization: 'timechart'
      }
      customWidth: '50'
    })
  )
  isLocked: false
}

resource connectorWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, displayName)
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: workspaceId
    serializedData: string(workbook)
  }
}

output id string = connectorWorkbook.id
