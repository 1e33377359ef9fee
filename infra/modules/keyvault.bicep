// One Key Vault, deployed twice by main.bicep with the same hardening: the token vault (the per-store
// access tokens the connector writes at runtime) and the configuration vault (the app's own secrets,
// written by the deployment: modules/configsecrets.bicep). Authorization is Azure RBAC only (no
// access policies); soft delete and purge protection mean a deleted secret or a deleted vault can be
// recovered and cannot be destroyed early by anyone.

@description('Name of the vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Days a deleted vault or secret stays recoverable (7-90). Cannot be changed after creation.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption without a virtual network resolves Key Vault references over the public
    // endpoint; every request still needs an Entra token with a data role on this vault.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
