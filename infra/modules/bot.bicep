// The Azure Bot registration: Teams sends activities to it, and it forwards them to
// the app. Its identity is the user-assigned managed identity (UserAssignedMSI), so
// the Bot Framework never holds an app password.

@description('Bot resource name (also its handle).')
param name string

param displayName string

@description('Public https messaging endpoint of the app.')
param endpoint string

@allowed([
  'F0'
  'S1'
])
param skuName string

param identityClientId string
param identityId string
param identityTenantId string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Bot registrations are global; messages themselves go straight to the app in its region.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: identityTenantId
    disableLocalAuth: true
    isStreamingSupported: false
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

output name string = bot.name
