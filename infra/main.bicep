// The BigCommerce connector in one subscription: `azd up` creates a resource group and, in it, the
// Function App (Flex Consumption, .NET 10 isolated), its identity, storage, two Key Vaults (store
// tokens; the app's own secrets) and monitoring.
// Subscription scope lets azd create the resource group itself, so a fresh clone needs nothing
// prepared in Azure beyond a subscription.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or reuse. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@minLength(1)
@description('Client id of the BigCommerce app (Developer Portal, app profile).')
param bigCommerceClientId string

@secure()
@description('Client secret of the BigCommerce app. Required on the first deploy; later, written to Key Vault only when given (to rotate it).')
param bigCommerceClientSecret string = ''

@description('BigCommerce API base URL. Empty: https://api.bigcommerce.com.')
param bigCommerceApiBaseUrl string = ''

@description('BigCommerce login (OAuth) base URL. Empty: https://login.bigcommerce.com.')
param bigCommerceLoginBaseUrl string = ''

@minLength(1)
@description('Base URL of the back-office API the connector delivers orders to and reads inventory from.')
param backOfficeBaseUrl string

@secure()
@description('Shared secret (16+ characters) the connector signs back-office requests with (HMAC-SHA256). Required on the first deploy; later, written only when given.')
param backOfficeSigningSecret string = ''

@description('Public base URL the BigCommerce callbacks and webhooks point at (a custom domain or a front door). Empty: the Function App\'s own https URL.')
param publicBaseUrl string = ''

@secure()
@description('Admin API key to store. Empty: keep the stored key, or generate one on the first deploy.')
param connectorAdminApiKey string = ''

@description('True once a deployment has stored the app secrets in the configuration vault; azd feeds it back from the CONNECTOR_CONFIG_SECRETS_STORED output, so later deploys neither require the secrets again nor regenerate the admin API key.')
param secretsStored bool = false

@secure()
@description('Fresh random value for the first admin API key. Leave it to its default.')
param generatedAdminApiKey string = replace('${newGuid()}${newGuid()}', '-', '')

@description('NCRONTAB schedule (6 fields) of the order poll.')
param orderPollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (6 fields) of the inventory push.')
param inventoryPushSchedule string = '0 0 * * * *'

@description('NCRONTAB schedule (6 fields) of the shipments poll (the back office\'s shipments feed).')
param shipmentPollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (6 fields) of the catalog poll (the safety net of the product webhooks).')
param catalogPollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (6 fields) of the catalog push (the back office\'s catalog-changes feed to BigCommerce).')
param catalogPushSchedule string = '0 */15 * * * *'

@description('Storage account redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound on the Function App\'s instances. BigCommerce rate limits are per store, so more instances mostly mean more 429s.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days a deleted vault or secret stays recoverable (7-90), for both vaults. Fixed once a vault exists.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Accept Application Insights telemetry only with Entra ID authentication.')
param appInsightsLocalAuthDisabled bool = true

@description('Email addresses the alerts notify (the action group\'s receivers), comma-separated. Empty: the alerts show in the portal only.')
param alertEmailAddresses string = ''

@description('Percent of back-office calls failing (5xx, 408, 429 or no answer) over 15 minutes that raises an alert.')
@minValue(1)
@maxValue(100)
param alertBackOfficeFailurePercent int = 20

@description('p95 of order latency (BigCommerce date_modified to the back office accepting it), in seconds over an hour, that raises an alert.')
@minValue(1)
param alertOrderLatencyP95Seconds int = 1800

@description('Failed function invocations in 15 minutes that raise an alert.')
@minValue(1)
param alertFunctionFailures int = 10

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Names are derived here rather than read back from module outputs, so What-If can predict every
// resource and role assignment before deploying.
var names = {
  identity: 'id-connector-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storageAccount: 'st${resourceToken}'
  // Store tokens: the name the single vault of earlier versions had, so an existing deployment keeps
  // its installed stores' tokens.
  tokenKeyVault: 'kv-${resourceToken}'
  // The app's own secrets, read-only to the app.
  configKeyVault: 'kvc-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-connector-${resourceToken}'
  actionGroup: 'ag-connector-${resourceToken}'
  alertPrefix: 'connector-${resourceToken}'
  workbook: 'BigCommerce connector (${environmentName})'
}

// azd passes an empty string for a variable that is set but empty, so empty means "the default".
var effectiveBigCommerceApiBaseUrl = empty(bigCommerceApiBaseUrl)
  ? 'https://api.bigcommerce.com'
  : bigCommerceApiBaseUrl
var effectiveBigCommerceLoginBaseUrl = empty(bigCommerceLoginBaseUrl)
  ? 'https://login.bigcommerce.com'
  : bigCommerceLoginBaseUrl

// Secrets are written only when given, so a re-deploy never overwrites a value rotated in the vault.
// The first deploy into the configuration vault must bring them (also when upgrading a deployment
// from before that vault existed: infra/README.md): an app setting referencing a missing secret
// would resolve to the reference text itself.
var clientSecretToWrite = secretsStored || !empty(bigCommerceClientSecret)
  ? bigCommerceClientSecret
  : fail('Set the BigCommerce app\'s client secret before the first deploy into the configuration vault (infra/README.md): azd env set BIGCOMMERCE_CLIENT_SECRET <secret>')
var signingSecretToWrite = empty(backOfficeSigningSecret)
  ? (secretsStored
      ? ''
      : fail('Set the back-office signing secret (16+ characters) before the first deploy into the configuration vault (infra/README.md): azd env set BACK_OFFICE_SIGNING_SECRET <secret>'))
  : (length(backOfficeSigningSecret) >= 16
      ? backOfficeSigningSecret
      : fail('The back-office signing secret must be at least 16 characters long.'))

// An explicit key wins; otherwise one is generated only while none has been stored, so re-deploys
// never rotate the key behind its users' backs.
var adminApiKeyToWrite = !empty(connectorAdminApiKey)
  ? connectorAdminApiKey
  : (secretsStored ? '' : generatedAdminApiKey)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    disableLocalAuth: appInsightsLocalAuthDisabled
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: names.actionGroup
    namePrefix: names.alertPrefix
    workspaceId: monitoring.outputs.workspaceId
    emailAddresses: alertEmailAddresses
    backOfficeBaseUrl: backOfficeBaseUrl
    backOfficeFailurePercent: alertBackOfficeFailurePercent
    orderLatencyP95Seconds: alertOrderLatencyP95Seconds
    functionFailures: alertFunctionFailures
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    displayName: names.workbook
    workspaceId: monitoring.outputs.workspaceId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storageAccount
    location: location
    tags: tags
    skuName: storageSkuName
  }
}

// Two vaults because Key Vault grants data roles per vault (or per existing secret), and store tokens
// are created at runtime: the app must write tokens but only read its own configuration secrets.
module tokenVault 'modules/keyvault.bicep' = {
  name: 'tokenvault'
  scope: rg
  params: {
    name: names.tokenKeyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module configVault 'modules/keyvault.bicep' = {
  name: 'configvault'
  scope: rg
  params: {
    name: names.configKeyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module configSecrets 'modules/configsecrets.bicep' = {
  name: 'configsecrets'
  scope: rg
  params: {
    keyVaultName: names.configKeyVault
    bigCommerceClientSecret: clientSecretToWrite
    backOfficeSigningSecret: signingSecretToWrite
    adminApiKey: adminApiKeyToWrite
  }
  dependsOn: [
    configVault
  ]
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: names.storageAccount
    tokenKeyVaultName: names.tokenKeyVault
    configKeyVaultName: names.configKeyVault
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    storage
    tokenVault
    configVault
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    azdServiceName: 'connector'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storageAccount
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tokenKeyVaultUri: tokenVault.outputs.uri
    configKeyVaultUri: configVault.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    bigCommerceClientId: bigCommerceClientId
    bigCommerceApiBaseUrl: effectiveBigCommerceApiBaseUrl
    bigCommerceLoginBaseUrl: effectiveBigCommerceLoginBaseUrl
    backOfficeBaseUrl: backOfficeBaseUrl
    publicBaseUrl: publicBaseUrl
    orderPollSchedule: orderPollSchedule
    inventoryPushSchedule: inventoryPushSchedule
    shipmentPollSchedule: shipmentPollSchedule
    catalogPollSchedule: catalogPollSchedule
    catalogPushSchedule: catalogPushSchedule
  }
  // The host reaches storage, Key Vault and Application Insights with the identity from its first
  // start, so the roles exist before the app does, and the secrets its settings reference as well.
  dependsOn: [
    roles
    configSecrets
  ]
}

var baseUrl = functionApp.outputs.publicBaseUrl

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
@description('The token vault: one secret per installed store (store-token-<hash>).')
output AZURE_KEY_VAULT_NAME string = tokenVault.outputs.name
output AZURE_KEY_VAULT_URI string = tokenVault.outputs.uri

@description('The configuration vault: bigcommerce-client-secret, back-office-signing-secret, connector-admin-api-key.')
output AZURE_CONFIG_KEY_VAULT_NAME string = configVault.outputs.name
output AZURE_CONFIG_KEY_VAULT_URI string = configVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Paste into the BigCommerce app profile: Auth Callback URL.')
output BIGCOMMERCE_AUTH_CALLBACK_URL string = '${baseUrl}/api/bigcommerce/auth'

@description('Paste into the BigCommerce app profile: Load Callback URL.')
output BIGCOMMERCE_LOAD_CALLBACK_URL string = '${baseUrl}/api/bigcommerce/load'

@description('Paste into the BigCommerce app profile: Uninstall Callback URL.')
output BIGCOMMERCE_UNINSTALL_CALLBACK_URL string = '${baseUrl}/api/bigcommerce/uninstall'

@description('Paste into the BigCommerce app profile: Remove User Callback URL.')
output BIGCOMMERCE_REMOVE_USER_CALLBACK_URL string = '${baseUrl}/api/bigcommerce/remove-user'

@description('Destination the connector registers its BigCommerce webhooks with.')
output BIGCOMMERCE_WEBHOOK_URL string = '${baseUrl}/api/webhooks/bigcommerce'

// A new name, not the CONNECTOR_SECRETS_STORED of the single-vault version: an environment upgraded
// from it has no secrets in the configuration vault yet, so its next provision must ask for them
// (and fail before changing anything if they are missing) instead of pointing the app at nothing.
@description('Fed back into secretsStored by azd: the secrets are in the configuration vault from now on.')
output CONNECTOR_CONFIG_SECRETS_STORED bool = true
