// Azure OpenAI with one chat deployment. Local (key) auth is off: the bot calls it
// with its identity ('Cognitive Services OpenAI User'), so there is no key to leak.

param location string
param name string

@description('Globally unique subdomain; Entra ID token auth requires one.')
param customSubDomainName string

@description('Deployment name the app sends as MODEL_DEPLOYMENT.')
param deploymentName string
param modelName string
param modelVersion string

@description('Standard keeps processing in the resource region; check the model is offered there.')
param deploymentSku string

@description('Capacity in thousands of tokens per minute.')
param capacity int

@description('Principal id of the bot identity.')
param principalId string

param tags object

var openAiUserRole = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  // checkov:skip=CKV_AZURE_134:App Service without VNet integration calls the model publicly; local auth is disabled, so only Entra ID tokens get in.
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: customSubDomainName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    restrictOutboundNetworkAccess: true
    allowedFqdnList: []
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSku
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}

resource userRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, openAiUserRole)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRole)
  }
}

output endpoint string = account.properties.endpoint
output deploymentName string = chat.name
