{{/*
Names and labels shared by every template. The operator's pods carry app.kubernetes.io/name=gamecluster-operator
whatever the release is called: the NetworkPolicy the operator creates for each GameCluster admits the operator
by that label, so it is not configurable.
*/}}

{{- define "gamecluster.operatorAppName" -}}
gamecluster-operator
{{- end }}

{{/* Name of the operator's objects: fullnameOverride, else <release>-gamecluster-operator (shortened when the
release name already says gamecluster), cut to a DNS label. */}}
{{- define "gamecluster.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains "gamecluster" .Release.Name }}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-gamecluster-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "gamecluster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that pick the operator's pods: stable across upgrades (a Deployment's selector cannot change). */}}
{{- define "gamecluster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gamecluster.operatorAppName" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gamecluster.labels" -}}
{{ include "gamecluster.selectorLabels" . }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: gamecluster
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "gamecluster.chart" . }}
{{- end }}

{{- define "gamecluster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "gamecluster.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{- define "gamecluster.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
