import { mount } from 'svelte';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './app.css';
import './ui/forms.css';
import App from './App.svelte';

const app = mount(App, { target: document.getElementById('app')! });

export default app;
