// The connector's Function App on the Flex Consumption plan (Linux, .NET 10 isolated worker),
// running as the user-assigned identity. App settings carry no key, connection string or secret:
// storage is reached through the identity, the app's own secrets through Key Vault references to
// the configuration vault (read-only to the app), store tokens through the token vault (KeyVault__Uri).

import { secretNames } from 'conventions.bicep'

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (also its default host name label).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Value of the azd-service-name tag azd uses to find the app to deploy to.')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account for AzureWebJobsStorage and the connector\'s tables and queues.')
param storageAccountName string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('URI of the token vault (per-store tokens, read and written by the connector), with its trailing slash.')
param tokenKeyVaultUri string

@description('URI of the configuration vault (the app\'s own secrets, read-only to the app), with its trailing slash.')
param configKeyVaultUri string

@description('Application Insights connection string (not a secret: local auth is off on the component).')
param applicationInsightsConnectionString string

@description('Upper bound on the instances Flex Consumption scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('BigCommerce app client id.')
param bigCommerceClientId string

@description('BigCommerce API base URL.')
param bigCommerceApiBaseUrl string

@description('BigCommerce login (OAuth) base URL.')
param bigCommerceLoginBaseUrl string

@description('Back-office API base URL.')
param backOfficeBaseUrl string

@description('Public base URL BigCommerce calls back and posts webhooks to. Empty: the app\'s own https URL.')
param publicBaseUrl string

@description('NCRONTAB schedule of the order poll.')
param orderPollSchedule string

@description('NCRONTAB schedule of the inventory push.')
param inventoryPushSchedule string

@description('NCRONTAB schedule of the shipments poll.')
param shipmentPollSchedule string
param catalogPollSchedule string

@description('NCRONTAB schedule of the catalog push (the back office\'s catalog-changes feed).')
param catalogPushSchedule string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

// Publishing with user name and password is off for both endpoints; azd deploys with an Entra token.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

var defaultBaseUrl = 'https://${site.properties.defaultHostName}'
var chosenBaseUrl = empty(publicBaseUrl) ? defaultBaseUrl : publicBaseUrl
var effectiveBaseUrl = endsWith(chosenBaseUrl, '/')
  ? substring(chosenBaseUrl, 0, max(length(chosenBaseUrl) - 1, 0))
  : chosenBaseUrl

// Flat Functions names, "__" separating configuration sections. Not set on purpose:
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION (Flex takes the runtime from
// functionAppConfig and rejects them), WEBSITE_RUN_FROM_PACKAGE and the content-share settings
// (Flex deploys from the blob container), and any AzureWebJobsStorage connection string.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    OrderPollSchedule: orderPollSchedule
    InventoryPushSchedule: inventoryPushSchedule
    ShipmentPollSchedule: shipmentPollSchedule
    CatalogPollSchedule: catalogPollSchedule
    CatalogPushSchedule: catalogPushSchedule
    BigCommerce__ApiBaseUrl: bigCommerceApiBaseUrl
    BigCommerce__LoginBaseUrl: bigCommerceLoginBaseUrl
    BigCommerce__ClientId: bigCommerceClientId
    BigCommerce__ClientSecret: '@Microsoft.KeyVault(SecretUri=${configKeyVaultUri}secrets/${secretNames.bigCommerceClientSecret})'
    KeyVault__Uri: tokenKeyVaultUri
    Connector__PublicBaseUrl: effectiveBaseUrl
    Connector__AdminApiKey: '@Microsoft.KeyVault(SecretUri=${configKeyVaultUri}secrets/${secretNames.adminApiKey})'
    BackOffice__BaseUrl: backOfficeBaseUrl
    BackOffice__SigningSecret: '@Microsoft.KeyVault(SecretUri=${configKeyVaultUri}secrets/${secretNames.backOfficeSigningSecret})'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output publicBaseUrl string = effectiveBaseUrl
