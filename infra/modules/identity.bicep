// The one identity the bot runs as: Bot Framework auth (UserAssignedMSI), Graph,
// Storage, Search, OpenAI and Key Vault all trust it, so no client secret exists.

@description('Azure region.')
param location string

@description('Name of the user-assigned managed identity.')
param name string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
