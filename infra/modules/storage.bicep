// State for several instances: conversation references and the reminder ledger live in
// Table Storage, reached only with the bot identity (no account keys, no anonymous access).

param location string
param name string

@description('Replication: Standard_LRS is enough for test; use Standard_ZRS or Standard_GZRS in production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Principal id of the bot identity.')
param principalId string

param tags object

var storageTableDataContributorRole = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The app creates its tables on first use (bot/conversation_table.py,
// skills/contracts/table_ledger.py); creating them here makes the deployment the single
// source of what exists.
var tableNames = [
  'conversationrefs'
  'welcomeclaims'
  'reminderledger'
  'reminderstatus'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_59:App Service without VNet integration reaches the table over the public endpoint; access is Entra ID only.
  // checkov:skip=CKV_AZURE_35:No VNet in this deployment; shared keys are disabled, so the network rule is not the control that protects the data.
  // checkov:skip=CKV_AZURE_206:Replication is a parameter: LRS in test, ZRS/GZRS in production (see main.prod.parameters.json).
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    isLocalUserEnabled: false
    isSftpEnabled: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, storageTableDataContributorRole)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRole)
  }
}

output tableEndpoint string = account.properties.primaryEndpoints.table
output id string = account.id
