// The app's own secrets (BigCommerce client secret, admin API key, back-office signing secret),
// written through ARM (control plane) into the configuration vault, never into the token vault.
// The app's identity can only read this vault (Key Vault Secrets User, modules/roles.bicep), so it
// cannot overwrite the secrets it authenticates with. Each secret is written only when its value
// is given, so a re-deploy never overwrites a value rotated in the vault.

import { secretNames } from 'conventions.bicep'

@description('Name of the configuration vault (created by modules/keyvault.bicep).')
param keyVaultName string

@secure()
@description('BigCommerce app client secret. Written only when not empty, so re-deploys leave the stored value alone.')
param bigCommerceClientSecret string

@secure()
@description('Back-office HMAC signing secret. Written only when not empty.')
param backOfficeSigningSecret string

@secure()
@description('Admin API key to write. Empty leaves the stored value alone.')
param adminApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
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
