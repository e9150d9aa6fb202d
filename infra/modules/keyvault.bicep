// Key Vault for anything that must stay secret later (none today: every service is
// reached with the managed identity). RBAC only, soft delete with purge protection,
// so a secret put here can neither be read by an access policy nor destroyed at once.

param location string
param name string

@description('Principal id of the bot identity, allowed to read secrets through Key Vault references.')
param principalId string

param tags object

var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // checkov:skip=CKV_AZURE_189:The firewall denies by default; administrators add their address (ipRules) to manage secrets, and access is RBAC only.
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
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

output uri string = vault.properties.vaultUri
output name string = vault.name
