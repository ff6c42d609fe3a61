{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "foresight.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Base name of every object: the release name, plus the chart name unless it already contains it. */}}
{{- define "foresight.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Names of the two workloads. */}}
{{- define "foresight.serving.fullname" -}}
{{- printf "%s-serving" (include "foresight.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "foresight.autoscaler.fullname" -}}
{{- printf "%s-autoscaler" (include "foresight.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "foresight.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "foresight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: foresight
{{- end }}

{{/* Selector labels of the serving pods (never change across upgrades). */}}
{{- define "foresight.serving.selectorLabels" -}}
app.kubernetes.io/name: {{ include "foresight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: serving
{{- end }}

{{/* Selector labels of the autoscaler pods. */}}
{{- define "foresight.autoscaler.selectorLabels" -}}
app.kubernetes.io/name: {{ include "foresight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: autoscaler
{{- end }}

{{/* Image reference; the tag defaults to the chart's appVersion. */}}
{{- define "foresight.image" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .chart.AppVersion) }}
{{- end }}

{{/* Name of the ServiceAccount the autoscaler runs as. */}}
{{- define "foresight.autoscaler.serviceAccountName" -}}
{{- if .Values.autoscaler.serviceAccount.create }}
{{- default (include "foresight.autoscaler.fullname" .) .Values.autoscaler.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.autoscaler.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Lease the autoscaler replicas elect a leader with. */}}
{{- define "foresight.autoscaler.leaseName" -}}
{{- default (include "foresight.autoscaler.fullname" .) .Values.autoscaler.leaderElection.leaseName }}
{{- end }}

{{/* Directory the server reads models from, for the chosen model source. */}}
{{- define "foresight.serving.modelsDir" -}}
{{- if eq .Values.models.source "image" -}}
{{- .Values.models.image.path }}
{{- else -}}
{{- .Values.models.mountPath }}
{{- end -}}
{{- end }}

{{/* Whether a PredictiveAutoscaler manages the serving Deployment's replica count. */}}
{{- define "foresight.serving.autoscaled" -}}
{{- if and .Values.autoscaler.enabled .Values.autoscaler.servingTarget.enabled }}true{{ end }}
{{- end }}

{{/*
PromQL for the serving Deployment's load: requests per second over all its pods, whatever the
outcome (rejected requests are load the server could not take). `namespace` and `pod` are the
labels both the pod-annotation scrape job of the Prometheus community chart and the
prometheus-operator's ServiceMonitor attach to every series.
*/}}
{{- define "foresight.serving.loadQuery" -}}
{{- if .Values.autoscaler.servingTarget.query }}
{{- .Values.autoscaler.servingTarget.query }}
{{- else }}
{{- printf "sum(rate(foresight_inference_requests_total{namespace=\"%s\", pod=~\"%s-[a-z0-9]+-[a-z0-9]+\"}[%s]))" .Release.Namespace (include "foresight.serving.fullname" .) .Values.autoscaler.servingTarget.rateWindow }}
{{- end }}
{{- end }}

{{/* Restricted pod and container security contexts, shared by every pod of the chart. */}}
{{- define "foresight.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}
{{- define "foresight.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
{{- end }}
