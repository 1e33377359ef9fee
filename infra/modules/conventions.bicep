// Names the connector's code and this template must agree on, in one place. The infra tests
// compare them with functions/Connector (QueueNames, TableNames, TriggerCatalog).

@export()
@description('Key Vault secrets the app settings reference.')
var secretNames = {
  bigCommerceClientSecret: 'bigcommerce-client-secret'
  adminApiKey: 'connector-admin-api-key'
  backOfficeSigningSecret: 'back-office-signing-secret'
}

// The Functions queue trigger would create its queue on first use, but the connector enqueues from
// timers and HTTP handlers before any trigger has run, so every queue exists from the start.
@export()
@description('Work queues and their -poison twins (functions/Connector/Hosting/QueueNames.cs).')
var queueNames = [
  'store-sync'
  'store-sync-poison'
  'webhooks'
  'webhooks-poison'
  'orders'
  'orders-poison'
  'inventory'
  'inventory-poison'
  'shipments'
  'shipments-poison'
  'bigcommerce-shipments'
  'bigcommerce-shipments-poison'
  'products'
  'products-poison'
  'catalog-push'
  'catalog-push-poison'
]

@export()
@description('The connector\'s tables (functions/Connector/Storage/TableNames.cs).')
var tableNames = [
  'Installations'
  'Settings'
  'SyncCursors'
  'Orders'
  'Inventory'
  'Users'
  'WebhookReceipts'
  'QuotaWindows'
  'Leases'
  'UsedCallbackTokens'
  'Shipments'
  'AuditTrail'
  'OrdersNeedingAttention'
  'SkusNeedingAttention'
  'ActivityCounts'
  'Products'
  'ProductsNeedingAttention'
  'CatalogPush'
  'CatalogPushNeedingAttention'
]

@export()
@description('Blob container the Flex Consumption plan deploys the app package from.')
var deploymentContainerName = 'app-package'
