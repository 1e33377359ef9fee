// Every permission the connector's identity gets, and nothing broader: data-plane roles, each
// assigned on exactly one resource (never the resource group or the subscription), named
// deterministically from scope, principal and role so re-deploys are idempotent.

@description('Principal (object) id of the user-assigned identity.')
param principalId string

@description('Storage account holding the host blobs, the tables and the queues.')
param storageAccountName string

@description('Key Vault holding the per-store tokens the connector writes at runtime.')
param tokenKeyVaultName string

@description('Key Vault holding the app\'s own secrets (client secret, signing secret, admin key), which the app only reads.')
param configKeyVaultName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

var roles = {
  // Owner, not Contributor: the Functions host manages its own blob containers (azure-webjobs-hosts,
  // azure-webjobs-secrets) and the Flex Consumption platform reads the app package from the
  // deployment container with this identity; Microsoft's identity-based connection guidance for
  // AzureWebJobsStorage names Storage Blob Data Owner. No other blob data is kept in this account.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Send, receive, peek and delete messages: the queue trigger, the -poison moves and fan-out.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Read and write entities in the connector's tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Create, read, delete and recover the per-store token secrets: on the token vault only.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Read secret values and nothing else (the Key Vault references): on the configuration vault, so
  // the app cannot overwrite, delete or add a version of its own client secret, signing secret or
  // admin key.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Publish telemetry with Entra ID authentication (local auth is off on the component).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource tokenVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: tokenKeyVaultName
}

resource configVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: configKeyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, roles.storageBlobDataOwner)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, roles.storageQueueDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageQueueDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, roles.storageTableDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageTableDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tokenSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(tokenVault.id, principalId, roles.keyVaultSecretsOfficer)
  scope: tokenVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource configSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(configVault.id, principalId, roles.keyVaultSecretsUser)
  scope: configVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
