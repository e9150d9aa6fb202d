// The app host: App Service on Linux with the built-in Python 3.11 image. The code is
// deployed as a zip and built by Oryx (SCM_DO_BUILD_DURING_DEPLOYMENT); the bot runs
// as the user-assigned identity and reads every setting from app settings, none secret.

param location string
param planName string
param appName string

@description('App Service plan SKU, e.g. B1 (test) or P0v3 (production).')
param skuName string

@description('Instances. State is in Table Storage (STATE_TABLE_ENDPOINT), so 2 or more is safe.')
@minValue(1)
@maxValue(10)
param instanceCount int

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Log Analytics workspace that receives the app logs.')
param workspaceId string

@description('App settings as name/value pairs (environment variables of the bot).')
param appSettings object

param tags object

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  // checkov:skip=CKV_AZURE_225:Zone redundancy needs a Premium plan in a zone-enabled region with enough instances; test runs one B1, production scales out across instances instead.
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  // checkov:skip=CKV_AZURE_212:Instances are set on the plan (instanceCount: 2 in production, 1 in test for cost), not by siteConfig.numberOfWorkers, which this check reads.
  // checkov:skip=CKV_AZURE_17:The Bot Connector does not present client certificates; requests are authenticated by their Bot Framework JWT.
  // checkov:skip=CKV_AZURE_222:Teams reaches the bot through the public Bot Connector service, so the endpoint must be public.
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'PYTHON|3.11'
      appCommandLine: 'python -m bot'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      detailedErrorLoggingEnabled: true
      httpLoggingEnabled: true
      requestTracingEnabled: true
      remoteDebuggingEnabled: false
      appSettings: [for setting in items(appSettings): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

// Basic-auth publishing (FTP and the SCM site) off: deploy with Entra ID (az webapp deploy).
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
      {
        category: 'AppServiceAuditLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output hostName string = app.properties.defaultHostName
output name string = app.name
