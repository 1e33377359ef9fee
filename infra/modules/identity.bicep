// The one identity the connector runs as: the Functions host, the worker's Azure SDK clients
// (DefaultAzureCredential via AZURE_CLIENT_ID), Key Vault references and the Flex deployment
// download all use it. A user-assigned identity exists before the app does, so its role
// assignments can be granted before the app first starts.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
