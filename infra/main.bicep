// Anskaffelsesassistenten in one resource group: the bot's identity, the Azure Bot
// with the Teams channel, App Service, Storage, AI Search, Azure OpenAI, Key Vault
// and monitoring. No secret is created or passed: every service is reached with the
// user-assigned managed identity. Deploy with main.<env>.parameters.json.

targetScope = 'resourceGroup'

@description('Azure region for every regional resource. Norway East keeps the data in Norway.')
param location string = 'norwayeast'

@description('Environment name, part of every resource name.')
@allowed([
  'test'
  'prod'
])
param environmentName string

@description('Short name of the product, part of every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(8)
param baseName string = 'anskaff'

@description('Name users see for the bot in Teams.')
param botDisplayName string = 'Anskaffelsesassistenten'

@description('Entra tenants the bot serves (comma-separated); defaults to this deployment tenant.')
param allowedTenantIds string = tenant().tenantId

@description('SharePoint host of the procurement site, e.g. contoso.sharepoint.com.')
param sharepointHost string

@description('Server-relative path of the procurement site, e.g. /sites/innkjop.')
param sharepointSitePath string

@description('Display name of the contract register list on that site.')
param contractRegisterList string = 'kontraktsregister'

@description('The shared procurement mailbox the assistant drafts mail in.')
param procurementMailbox string

@description('Contracting authority named in market-dialogue invitations.')
param buyerName string = 'Felles innkjøp for fylkeskommunene'

@description('ja: each reminded deadline also becomes an Outlook event (needs Calendars.ReadWrite).')
@allowed([
  'ja'
  'nei'
])
param reminderCalendarEvents string = 'nei'

@description('A Teams channel id that gets a copy of every reminder; empty for none.')
param reminderChannelId string = ''

@description('App Service plan SKU.')
param appServiceSku string = 'B1'

@description('App Service instances; all state is in Table Storage, so any number can serve.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@allowed([
  'basic'
  'standard'
])
param searchSku string = 'basic'

@minValue(1)
@maxValue(12)
param searchReplicaCount int = 1

@description('Name of the document index the app creates in AI Search.')
param searchIndexName string = 'anskaffelsesdokumenter'

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Chat model deployment name (MODEL_DEPLOYMENT).')
param modelDeploymentName string = 'chat'

param modelName string = 'gpt-4o-mini'
param modelVersion string = '2024-07-18'

@description('Standard processes in the resource region; DataZoneStandard or GlobalStandard may process elsewhere.')
param modelDeploymentSku string = 'Standard'

@description('Model capacity in thousands of tokens per minute.')
@minValue(1)
param modelCapacity int = 10

@description('Azure OpenAI API version the app uses.')
param modelApiVersion string = '2024-10-21'

param tags object = {
  product: 'anskaffelsesassistenten'
  environment: environmentName
}

var suffix = take(uniqueString(resourceGroup().id, environmentName), 6)
var prefix = '${baseName}-${environmentName}'
var appName = 'app-${prefix}-${suffix}'
// The app listens where App Service forwards traffic for built-in Python images.
var appPort = '8000'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: 'id-${prefix}'
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${prefix}'
    appInsightsName: 'appi-${prefix}'
    retentionInDays: logRetentionDays
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: 'st${baseName}${environmentName}${suffix}'
    skuName: storageSku
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    location: location
    name: 'srch-${prefix}-${suffix}'
    skuName: searchSku
    replicaCount: searchReplicaCount
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module openai 'modules/openai.bicep' = {
  name: 'openai'
  params: {
    location: location
    name: 'oai-${prefix}-${suffix}'
    customSubDomainName: 'oai-${prefix}-${suffix}'
    deploymentName: modelDeploymentName
    modelName: modelName
    modelVersion: modelVersion
    deploymentSku: modelDeploymentSku
    capacity: modelCapacity
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: 'kv-${prefix}-${suffix}'
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module app 'modules/appservice.bicep' = {
  name: 'appservice'
  params: {
    location: location
    planName: 'asp-${prefix}'
    appName: appName
    skuName: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
    // Every variable the bot reads (bot/settings.py, graph/settings.py); none is a secret.
    appSettings: {
      MicrosoftAppId: identity.outputs.clientId
      MicrosoftAppType: 'UserAssignedMSI'
      MicrosoftAppTenantId: identity.outputs.tenantId
      ALLOWED_TENANT_IDS: allowedTenantIds
      // DefaultAzureCredential (Storage, Search, OpenAI) picks the user-assigned identity by this.
      AZURE_CLIENT_ID: identity.outputs.clientId
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: identity.outputs.clientId
      SHAREPOINT_HOST: sharepointHost
      SHAREPOINT_SITE_PATH: sharepointSitePath
      CONTRACT_REGISTER_LIST: contractRegisterList
      PROCUREMENT_MAILBOX: procurementMailbox
      // Conversation references and the reminder ledger, shared by every instance.
      STATE_TABLE_ENDPOINT: storage.outputs.tableEndpoint
      AZURE_SEARCH_ENDPOINT: search.outputs.endpoint
      AZURE_SEARCH_INDEX: searchIndexName
      MODEL_PROVIDER: 'azure_openai'
      MODEL_ENDPOINT: openai.outputs.endpoint
      MODEL_DEPLOYMENT: openai.outputs.deploymentName
      MODEL_API_VERSION: modelApiVersion
      BUYER_NAME: buyerName
      REMINDER_CALENDAR_EVENTS: reminderCalendarEvents
      REMINDER_CHANNEL_ID: reminderChannelId
      // Only a fallback now that STATE_TABLE_ENDPOINT holds the state; /home outlives restarts.
      STATE_DB: '/home/data/state.sqlite3'
      BOT_HOST: '0.0.0.0'
      BOT_PORT: appPort
      WEBSITES_PORT: appPort
      WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
      SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
      LOG_LEVEL: 'INFO'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      // Application Insights accepts only Entra ID-authenticated telemetry (local auth is off).
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
    }
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${prefix}-${suffix}'
    displayName: botDisplayName
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    skuName: botSku
    identityClientId: identity.outputs.clientId
    identityId: identity.outputs.id
    identityTenantId: identity.outputs.tenantId
    tags: tags
  }
}

output appName string = app.outputs.name
output appUrl string = 'https://${app.outputs.hostName}'
output messagingEndpoint string = 'https://${app.outputs.hostName}/api/messages'
output botName string = bot.outputs.name
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output tenantId string = identity.outputs.tenantId
output tableEndpoint string = storage.outputs.tableEndpoint
output searchEndpoint string = search.outputs.endpoint
output openAiEndpoint string = openai.outputs.endpoint
output modelDeployment string = openai.outputs.deploymentName
output keyVaultUri string = keyVault.outputs.uri
