// Azure AI Search for the document index. Keys are switched off: the bot reaches it
// with its identity, which may create its index (Search Service Contributor) and
// read and write documents (Search Index Data Contributor).

param location string
param name string

@allowed([
  'basic'
  'standard'
])
param skuName string

@minValue(1)
@maxValue(12)
param replicaCount int

@description('Principal id of the bot identity.')
param principalId string

param tags object

var searchIndexDataContributorRole = '8ebe5a00-799e-43f5-93ac-243d3dce84a7'
var searchServiceContributorRole = '7ca78c08-252a-4471-8644-bb5ff32d4ba0'
var roles = [
  searchIndexDataContributorRole
  searchServiceContributorRole
]

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  // checkov:skip=CKV_AZURE_208:One replica in test is a cost choice; production sets replicaCount 2 (main.prod.parameters.json).
  // checkov:skip=CKV_AZURE_209:A read-write SLA needs 3 replicas; the index is rebuilt from SharePoint, so production runs 2.
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    replicaCount: replicaCount
    partitionCount: 1
    hostingMode: 'default'
    publicNetworkAccess: 'enabled'
    disableLocalAuth: true
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(search.id, principalId, role)
  scope: search
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output endpoint string = 'https://${search.name}.search.windows.net'
