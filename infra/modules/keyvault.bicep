// The vault holding the app's own secrets (BigCommerce client secret, admin API key, back-office
// signing secret) and, written by the connector at runtime, one access token per installed store.
// Authorization is Azure RBAC only (no access policies); soft delete and purge protection mean a
// deleted token or a deleted vault can be recovered and cannot be destroyed early by anyone.

import { secretNames } from 'conventions.bicep'

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

@secure()
@description('BigCommerce app client secret. Written only when not empty, so re-deploys leave the stored value alone.')
param bigCommerceClientSecret string

@secure()
@description('Back-office HMAC signing secret. Written only when not empty.')
param backOfficeSigningSecret string

@secure()
@description('Admin API key to write. Empty leaves the stored value alone.')
param adminApiKey string

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

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(bigCommerceClientSecret)) {
  parent: vault
  name: secretNames.bigCommerceClientSecret
  properties: {
    value: bigCommerceClientSecret
    contentType: 'text/plain'
  }
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(backOfficeSigningSecret)) {
  parent: vault
  name: secretNames.backOfficeSigningSecret
  properties: {
    value: backOfficeSigningSecret
    contentType: 'text/plain'
  }
}

resource adminKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(adminApiKey)) {
  parent: vault
  name: secretNames.adminApiKey
  properties: {
    value: adminApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
